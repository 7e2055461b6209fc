#!/usr/bin/env bash
# `npm run replay [-- --no-history]`: recompute projections and live scorecards from the stored
# events, then the hourly history (unless --no-history: a running pipeline rebuilds it).
# Stop the pipeline first. Uses DATABASE_URL, or the embedded database of `npm start`
# (started for the replay and stopped after it when it was not running).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ -z ${DATABASE_URL:-} ]]; then
  if ! node infra/db/embedded-postgres.mjs status; then
    node infra/db/embedded-postgres.mjs start
    trap 'node infra/db/embedded-postgres.mjs stop' EXIT
  fi
  DATABASE_URL=$(node infra/db/embedded-postgres.mjs url)
  export DATABASE_URL
fi
infra/build-if-stale.sh
node dist/apps/pipeline/apps/pipeline/src/replay/replay.main.js "$@"
