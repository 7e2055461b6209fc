#!/usr/bin/env bash
# Builds the apps and the dashboard when a source changed since the last build, so that
# `npm start` and `npm run replay` never run stale code and a second start takes seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
stamp=dist/.build-stamp
changed() {
  # The generated Prisma client is rewritten by every `npm ci`; the schema stands for it.
  find apps libs prisma/schema.prisma package-lock.json tsconfig*.json nest-cli.json \
    -path libs/db/src/generated -prune -o -type f -newer "$stamp" -print -quit
}
if [[ ! -f $stamp || -n $(changed) ]]; then
  echo "build: sources changed since the last build; building" >&2
  npm run --silent build
  touch "$stamp"
fi
