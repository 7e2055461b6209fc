#!/usr/bin/env bash
# `npm run db:new-migration -- <name>`: writes the SQL that takes the database from the schema
# as it stood when the newest migration was committed to the current prisma/schema.prisma,
# as prisma/migrations/<timestamp>_<name>/migration.sql. Review it, then commit both together.
# (`prisma migrate dev` cannot run on these machines, and with a driver adapter `migrate diff`
# compares schema files only; see README "Database migrations".)
set -euo pipefail
name=${1:?usage: npm run db:new-migration -- <name>}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
base=$(git log -1 --format=%H -- prisma/migrations)
previous=$(mktemp --suffix=.prisma)
trap 'rm -f "$previous"' EXIT
git show "$base:prisma/schema.prisma" >"$previous"
# The adapter in prisma.config.ts is built but never connected for a schema-to-schema diff.
sql=$(DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres} infra/db/prisma.sh migrate diff \
  --from-schema-datamodel "$previous" --to-schema-datamodel prisma/schema.prisma --script)
if ! grep -qvE '^\s*(--.*)?$' <<<"$sql"; then
  echo "the schema has not changed since the newest migration; nothing written" >&2
  exit 0
fi
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
printf '%s\n' "$sql" >"$dir/migration.sql"
echo "wrote $dir/migration.sql" >&2
