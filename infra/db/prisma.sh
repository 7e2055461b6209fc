#!/usr/bin/env bash
# Runs the Prisma CLI offline: pointing the engine variables at any existing file stops it
# from trying to download native engines it does not need (schema engine is WASM, client is JS).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export PRISMA_SCHEMA_ENGINE_BINARY=${PRISMA_SCHEMA_ENGINE_BINARY:-$root/package.json}
export PRISMA_QUERY_ENGINE_LIBRARY=${PRISMA_QUERY_ENGINE_LIBRARY:-$root/package.json}
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
cd "$root"
exec npx --no-install prisma "$@"
