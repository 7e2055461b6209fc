#!/usr/bin/env bash
# A local single-node Apache Kafka broker (KRaft mode) for development and tests.
#   kafka.sh fetch   resolve the broker jars from Maven Central into .cache/kafka (once)
#   kafka.sh start   start the broker in the background and wait until it serves
#   kafka.sh stop    stop it
#   kafka.sh status  exit 0 when it is running
# KAFKA_PORT (default 19092) and KAFKA_DATA_DIR (default .data/kafka) choose where it lives.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
libs="$root/.cache/kafka/$version/libs"
port=${KAFKA_PORT:-19092}
controller_port=$((port + 1))
data=${KAFKA_DATA_DIR:-$root/.data/kafka}
pidfile="$data/broker.pid"

fetch() {
  [[ -f "$libs/.complete" ]] && return 0
  echo "kafka: resolving Apache Kafka $version from Maven Central into $libs" >&2
  mkdir -p "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs" >&2
  touch "$libs/.complete"
}

# The recorded pid counts only while it is alive and still this broker (its command line names
# this data folder's server.properties): after an unclean stop the number may be anyone's.
running() {
  [[ -f "$pidfile" ]] || return 1
  local pid; pid=$(cat "$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $data/server.properties"; then
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

serving() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# The client JIT only (C1): on a machine of two cores shared with the apps and PostgreSQL, C2's
# compiler threads cost the broker more CPU than its faster code saved, and kept compiling through
# every benchmark run (broker CPU per event 8–12 µs with C2, 3–4 µs without; docs/benchmarks.md).
JIT=(-XX:TieredStopAtLevel=1)

java_run() {
  java -Xms256m -Xmx512m -XX:+UseG1GC "${JIT[@]}" -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$libs/*" "$@"
}

start() {
  fetch
  if running; then echo "kafka: already running on 127.0.0.1:$port" >&2; return 0; fi
  mkdir -p "$data"
  local props="$data/server.properties"
  sed -e "s:@PORT@:$port:g" -e "s:@CONTROLLER_PORT@:$controller_port:g" -e "s:@LOG_DIR@:$data/logs:g" \
    "$here/server.properties" >"$props"
  if [[ ! -f "$data/logs/meta.properties" ]]; then
    java_run kafka.tools.StorageTool format --standalone -t "$(java_run kafka.tools.StorageTool random-uuid)" \
      -c "$props" >"$data/format.log" 2>&1 || { cat "$data/format.log" >&2; exit 1; }
  fi
  # Its own session: Ctrl-C on the terminal reaches `npm start`, which stops the broker after the apps.
  setsid nohup java -Xms256m -Xmx1g -XX:+UseG1GC "${JIT[@]}" -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$libs/*" kafka.Kafka "$props" >"$data/server.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if serving && grep -q "Kafka Server started\|KafkaRaftServer.*started" "$data/server.log"; then
      echo "kafka: serving on 127.0.0.1:$port" >&2; return 0
    fi
    running || { tail -n 40 "$data/server.log" >&2; echo "kafka: broker exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "kafka: not serving after 60 s; see $data/server.log" >&2
  exit 1
}

# A controlled shutdown takes a second or two; KAFKA_STOP_TIMEOUT (seconds, default 5) bounds
# it, then the broker is killed (KRaft recovers its log on the next start).
stop() {
  running || return 0
  local pid; pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  local tenths=$((${KAFKA_STOP_TIMEOUT:-5} * 10))
  for _ in $(seq 1 "$tenths"); do running || { rm -f "$pidfile"; return 0; }; sleep 0.1; done
  echo "kafka: still running after ${KAFKA_STOP_TIMEOUT:-5} s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do running || break; sleep 0.1; done
  rm -f "$pidfile"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) running ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
