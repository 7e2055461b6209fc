#!/usr/bin/env bash
# `npm test`: lint, type-check, unit tests, then the integration suites against the machine's
# PostgreSQL, then the end-to-end suites against the real services: PostgreSQL, a fresh
# single-node Kafka broker, and Debian's Chromium. Each tier's jest global set-up makes a fresh
# database of its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [[ -z ${TEST_DATABASE_ADMIN_URL:-} ]] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if [[ ! -x /usr/bin/chromium ]]; then
  echo "test: installing Debian's Chromium for the browser tests" >&2
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null
fi

npm run --silent lint
npm run --silent typecheck
# Extra arguments (e.g. paths) go to every tier; a tier with nothing to run passes.
npx jest --ci --selectProjects unit --passWithNoTests "$@"
npx jest --ci --runInBand --selectProjects integration --passWithNoTests "$@"

export KAFKA_PORT=${TEST_KAFKA_PORT:-29092} KAFKA_DATA_DIR="$root/.data/kafka-test"
rm -rf "$KAFKA_DATA_DIR"
trap 'infra/kafka/kafka.sh stop' EXIT
infra/kafka/kafka.sh start
export TEST_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
npx jest --ci --runInBand --selectProjects e2e --passWithNoTests "$@"
