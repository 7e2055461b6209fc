#!/usr/bin/env bash
# `npm start`: the whole product on embedded defaults. Starts what is not configured
# (database, Kafka), applies migrations, builds, then runs the API, the pipeline and, unless
# SIMULATOR=off, the vendor-tool simulator. Ctrl-C stops everything it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p .data
started=()
children=()

cleanup() {
  trap - EXIT INT TERM
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for stop in "${started[@]}"; do $stop || true; done
}
trap cleanup EXIT INT TERM

# Secrets a local installation needs; generated once, kept out of the repo and the logs.
secrets=.data/secrets.env
if [[ ! -f $secrets ]]; then
  umask 077
  {
    echo "AUTH_SECRET=$(node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))")"
    echo "INGEST_TOKEN=$(node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")"
    echo "DEMO_ADMIN_PASSWORD=$(node -e "console.log(require('crypto').randomBytes(12).toString('base64url'))")"
  } >"$secrets"
fi
# shellcheck disable=SC1090
source "$secrets"
export AUTH_SECRET=${AUTH_SECRET} INGEST_TOKEN=${INGEST_TOKEN:-}
export ADMIN_EMAIL=${ADMIN_EMAIL:-admin@rapport.local}
export ADMIN_PASSWORD=${ADMIN_PASSWORD:-$DEMO_ADMIN_PASSWORD}

if [[ -z ${DATABASE_URL:-} ]]; then
  infra/db/embedded-postgres.sh start
  started+=("infra/db/embedded-postgres.sh stop")
  DATABASE_URL=$(infra/db/embedded-postgres.sh url)
  export DATABASE_URL DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-4}
fi
if [[ -z ${KAFKA_BROKERS:-} ]]; then
  infra/kafka/kafka.sh start
  started+=("infra/kafka/kafka.sh stop")
  export KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-19092}
fi

infra/db/prisma.sh migrate deploy >/dev/null
# Rebuild only when a source changed since the last build (a second start then takes seconds).
stamp=dist/.build-stamp
changed() {
  # The generated Prisma client is rewritten by every `npm ci`; the schema stands for it.
  find apps libs prisma/schema.prisma package-lock.json tsconfig*.json nest-cli.json \
    -path libs/db/src/generated -prune -o -type f -newer "$stamp" -print -quit
}
if [[ ! -f $stamp || -n $(changed) ]]; then
  npm run --silent build
  touch "$stamp"
fi

run() { node "dist/apps/$1/apps/$1/src/main.js" & children+=($!); }
run api
run pipeline
if [[ ${SIMULATOR:-on} != off ]]; then
  export API_URL=http://127.0.0.1:${PORT:-3000}
  run simulator
fi

cat >&2 <<MSG

  Rapport is starting on http://localhost:${PORT:-3000}  (API docs: /api/docs)
  Sign in as ${ADMIN_EMAIL}; the demo password is DEMO_ADMIN_PASSWORD in .data/secrets.env
  (unless you set ADMIN_PASSWORD). Ctrl-C stops everything.

MSG
wait -n "${children[@]}"
