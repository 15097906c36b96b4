#!/usr/bin/env bash
# The load benchmark in one command (see README.md in this folder): Redis's own ceiling for the
# commit script, the cost of one change at 1 KiB and 100 KiB of state, then SyncBridge at rising
# rates, in memory and on Redis, v1 and v2, 100 sessions x 5 devices, one writer per session
# (each change delivered to the 4 other devices). Everything runs on loopback, on a Redis of its
# own (started here, stopped at the end), and is bounded in time.
#
# Knobs (environment): RATES ("1000 2000 5000 10000"), DURATION (8s), SESSIONS (100),
# BACKENDS ("memory redis"), PROTOCOLS ("v1 v2"), APP_JAR / BENCH_JAR (the built jars),
# SKIP_STORE=1 (only the load runs: for an older build without the bench command),
# LOADGEN_CLIENT (nio | jdk, the generator's WebSocket client; default nio),
# LOADGEN_RECEIVE (scan | tree, how the generator reads received frames; default scan),
# WARMUP_RUN (20s: an unmeasured run at WARMUP_RATE, 2000/s, per protocol after each server start,
# so that the measured runs see a compiled server, not the JIT at work; 0 to skip),
# IDLE_CONNECTIONS (20000, capped 1,000 under the open-file limit: idle authenticated sockets
# opened on a fresh server per backend, timed, with the server's memory; 0 to skip; then the same
# again on that server once it has closed them, now warm: what a reconnect storm costs without the JIT),
# SERVER_GC_OPTS (the collector options docs/operations.md recommends, -XX:MaxGCPauseMillis=20;
# set it empty to measure the JVM's defaults), SERVER_JAVA_OPTS (more JVM options for the server),
# LOADGEN_JAVA_OPTS (JVM options for the load generator, e.g. a GC log).
set -euo pipefail

source "$(dirname "$0")/bench-common.sh"
RATES=${RATES:-"1000 2000 5000 10000"}
DURATION=${DURATION:-8s}
BACKENDS=${BACKENDS:-"memory redis"}
PROTOCOLS=${PROTOCOLS:-"v1 v2"}
LOADGEN_CLIENT=${LOADGEN_CLIENT:-nio}
LOADGEN_RECEIVE=${LOADGEN_RECEIVE:-scan}
WARMUP_RUN=${WARMUP_RUN:-20s}
WARMUP_RATE=${WARMUP_RATE:-2000}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-20000}
IDLE_PROTOCOL=${IDLE_PROTOCOL:-v2}
SERVER_GC_OPTS=${SERVER_GC_OPTS--XX:MaxGCPauseMillis=20}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:-}

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --logfile "$WORK/redis.log" &
REDIS_PID=$!
SERVER_PID=
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
CEILING=
if [[ -z "${SKIP_STORE:-}" ]]; then
  CEILING_LINE=$("$JAVA" -jar "$APP_JAR" bench ceiling --redis "127.0.0.1:$REDIS_PORT" | grep '^redis-ceiling')
  echo "$CEILING_LINE"
  CEILING=$(sed -E 's/.*commits_per_s=([0-9.]+).*/\1/' <<<"$CEILING_LINE")
  "$JAVA" -jar "$APP_JAR" bench cost --redis "127.0.0.1:$REDIS_PORT" | grep '^cost'
fi

start_server() { # $1 = memory | redis, $2 = heap options (default: 1 GiB, all of it from the start)
  local heap=${2:--Xms1g -Xmx1g}
  SERVER_PORT=$(free_port)
  local extra=()
  [[ "$1" == redis ]] && extra=(REDIS_ADDR="127.0.0.1:$REDIS_PORT" REDIS_KEY_PREFIX="sbload:")
  env JWT_SECRET=$SECRET SERVER_ADDR="127.0.0.1:$SERVER_PORT" WS_RATE_LIMIT=100000/min \
    WS_MAX_CONNECTIONS_PER_IP=100000 HTTP_MAX_CONNECTIONS_PER_IP=100000 LOG_LEVEL=WARN "${extra[@]}" \
    "$JAVA" $heap $SERVER_GC_OPTS $SERVER_JAVA_OPTS -jar "$APP_JAR" >>"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do
    curl -fs "http://127.0.0.1:$SERVER_PORT/health/live" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server ($1) did not start:"; tail -20 "$WORK/server-$1.log"; exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

DURATION_S=$(( ${DURATION%s} + 2 )) # the measured window plus the 2 s of warm-up, both at the rate

# Runs a command, writing its own CPU seconds (user + system) to $1 when GNU time is there.
timed_cpu() {
  local out=$1; shift
  if [[ -x /usr/bin/time ]]; then /usr/bin/time -o "$out" -f '%U %S' "$@"; else : >"$out"; "$@"; fi
}

# The share of a core the generator used over its whole run (connects and drain included, so an
# overstatement): near a whole core or more, it is the generator that saturates and the latencies
# measure it too. The server's own CPU per change and share of a core, for the measured part only,
# are in the generator's summary (it reads the server's process, --server-pid).
generator_cores() { # $1 = the generator's CPU file
  awk -v d="$DURATION_S" -v g="$(cat "$1" 2>/dev/null)" \
    'BEGIN { split(g, t, " "); if (g != "") printf "generator_cores=%.2f", (t[1] + t[2]) / d }'
}

# One generator run against the running server; prints its summary line and leaves its own CPU
# seconds in $WORK/generator-cpu. $1 = protocol,
# $2 = changes per second in all, $3 = duration, then extra generator options.
load_run() {
  local protocol=$1 rate=$2 duration=$3; shift 3
  local per_writer; per_writer=$(awk -v r="$rate" -v s="$SESSIONS" 'BEGIN { printf "%.3f", r / s }')
  # shellcheck disable=SC2086 # LOADGEN_JAVA_OPTS is a list of options
  timed_cpu "$WORK/generator-cpu" "$JAVA" $LOADGEN_JAVA_OPTS -cp "$BENCH_JAR" io.syncbridge.loadgen.LoadGenerator \
    --url "http://127.0.0.1:$SERVER_PORT" --secret "$SECRET" --sessions "$SESSIONS" --devices 5 --writers 1 \
    --rate "$per_writer" --duration "$duration" --warmup 2s --protocol "$protocol" \
    --client "$LOADGEN_CLIENT" --receive "$LOADGEN_RECEIVE" --server-pid "$SERVER_PID" "$@" 2>/dev/null \
    | grep '^summary' || echo "summary failed"
}

declare -A HELD
RESULTS="$WORK/results"
: >"$RESULTS"
for backend in $BACKENDS; do
  start_server "$backend"
  if [[ "${WARMUP_RUN%s}" != 0 ]]; then
    for protocol in $PROTOCOLS; do
      echo "# warm-up (not counted): $backend $protocol $WARMUP_RATE/s $(load_run "$protocol" "$WARMUP_RATE" "$WARMUP_RUN")"
    done
  fi
  for protocol in $PROTOCOLS; do
    HELD[$backend-$protocol]=0
    for rate in $RATES; do
      line=$(load_run "$protocol" "$rate" "$DURATION")
      line="$line $(generator_cores "$WORK/generator-cpu")"
      echo "$backend $protocol $rate $line" | tee -a "$RESULTS"
      p99=$(sed -nE 's/.*fanout_p99_ms=([0-9.]+).*/\1/p' <<<"$line")
      missing=$(sed -nE 's/.*missing=([0-9]+).*/\1/p' <<<"$line")
      errors=$(sed -nE 's/.*errors=([0-9]+).*/\1/p' <<<"$line")
      if [[ -n "$p99" ]] && awk -v p="$p99" 'BEGIN { exit !(p < 50) }' && [[ "$missing" == 0 && "$errors" == 0 ]]; then
        HELD[$backend-$protocol]=$rate
      fi
    done
  done
  stop_server
done

# Idle connections: a fresh server (its heap may grow to 1 GiB, as an operator would start it),
# IDLE_CONNECTIONS authenticated sockets in sessions of five, near idle (one update per writer per
# 1,000 s); the summary gives how long they took to open and the server's resident memory then.
# The server and the generator each hold one socket per connection, under the same open-file limit.
FD_LIMIT=$(ulimit -n)
if [[ "$FD_LIMIT" != unlimited ]] && (( IDLE_CONNECTIONS > FD_LIMIT - 1000 )); then
  echo "# idle connections: $IDLE_CONNECTIONS asked, $(( (FD_LIMIT - 1000) / 5 * 5 )) opened: the open-file limit here is $FD_LIMIT (ulimit -n)"
  IDLE_CONNECTIONS=$(( (FD_LIMIT - 1000) / 5 * 5 ))
fi
if [[ "$IDLE_CONNECTIONS" != 0 ]]; then
  for backend in $BACKENDS; do
    start_server "$backend" "-Xmx1g"
    idle_sessions=$(( IDLE_CONNECTIONS / 5 ))
    for round in fresh warm; do
      line=$(SESSIONS=$idle_sessions load_run "$IDLE_PROTOCOL" "$(awk -v s="$idle_sessions" 'BEGIN { print s / 1000 }')" 4s \
        --connect-timeout 30s)
      echo "idle $backend $IDLE_PROTOCOL $IDLE_CONNECTIONS $round $line" | tee -a "$RESULTS"
      sleep 5 # the closes of the fresh round settle before the warm one
    done
    stop_server
  done
fi

echo
echo "# highest rate held (fan-out p99 < 50 ms, nothing missing, no errors), of the rates tried: $RATES"
for backend in $BACKENDS; do
  for protocol in $PROTOCOLS; do
    held=${HELD[$backend-$protocol]}
    ratio=""
    [[ -n "$CEILING" ]] && ratio=$(awk -v h="$held" -v c="$CEILING" 'BEGIN { printf " = %.0f%% of the Redis ceiling (%s/s)", 100 * h / c, c }')
    echo "held $backend $protocol ${held}/s$ratio"
  done
done
echo "# delivery (fan-out) at 2,000 and 5,000 changes/s"
grep -E '^[a-z]+ v[12] (2000|5000) ' "$RESULTS" | awk '{ print "at", $3, $1, $2, $6, $7, $8, $9, $12 }' || true
echo "# idle connections: how long they took to open, and the server's memory with them open"
grep -E '^idle ' "$RESULTS" | awk '{ print $2, $3, $4, $5, "connections:", $12, $13, $16, $17 }' || true
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
