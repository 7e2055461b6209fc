#!/usr/bin/env bash
# `npm run replay`: recompute projections and hourly history from the stored events.
# Stop the pipeline first. Uses DATABASE_URL, or the embedded database of `npm start`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ -z ${DATABASE_URL:-} ]]; then
  infra/db/embedded-postgres.sh start
  DATABASE_URL=$(infra/db/embedded-postgres.sh url)
  export DATABASE_URL
fi
export KAFKA_BROKERS=${KAFKA_BROKERS:-unused:9092} # the replay does not talk to Kafka
[[ -f dist/apps/pipeline/apps/pipeline/src/replay/replay.main.js ]] || npx nest build pipeline
exec node dist/apps/pipeline/apps/pipeline/src/replay/replay.main.js
