#!/usr/bin/env bash
# An embedded PostgreSQL (PGlite over the wire protocol) kept under .data/, for running
# Rapport with no database server.   embedded-postgres.sh start|stop
# EMBEDDED_PG_PORT (default 54329) chooses the port.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${EMBEDDED_PG_PORT:-54329}
data="$root/.data/postgres"
pidfile="$root/.data/postgres.pid"

running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
serving() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

case "${1:-}" in
  start)
    if running; then exit 0; fi
    mkdir -p "$data"
    nohup "$root/node_modules/.bin/pglite-server" -d "$data" -p "$port" -m 16 >"$root/.data/postgres.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 120); do
      serving && { echo "postgres: embedded database serving on 127.0.0.1:$port" >&2; exit 0; }
      running || { cat "$root/.data/postgres.log" >&2; exit 1; }
      sleep 0.5
    done
    echo "postgres: embedded database did not start; see .data/postgres.log" >&2
    exit 1
    ;;
  stop)
    if running; then kill "$(cat "$pidfile")"; fi
    rm -f "$pidfile"
    ;;
  url) echo "postgresql://postgres@127.0.0.1:$port/postgres" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
