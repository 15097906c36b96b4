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
# LOADGEN_RECEIVE (scan | tree, how the generator reads received frames; default scan).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
APP_JAR=${APP_JAR:-$ROOT/syncbridge-app/target/syncbridge.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/syncbridge-bench/target/benchmarks.jar}
RATES=${RATES:-"1000 2000 5000 10000"}
DURATION=${DURATION:-8s}
SESSIONS=${SESSIONS:-100}
BACKENDS=${BACKENDS:-"memory redis"}
PROTOCOLS=${PROTOCOLS:-"v1 v2"}
LOADGEN_CLIENT=${LOADGEN_CLIENT:-nio}
LOADGEN_RECEIVE=${LOADGEN_RECEIVE:-scan}
SECRET=load-bench-secret-0123456789abcdef0123456789
WORK=$(mktemp -d)

if [[ ! -f "$APP_JAR" || ! -f "$BENCH_JAR" ]]; then
  (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -o -pl syncbridge-app,syncbridge-bench -am package -DskipTests)
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

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

start_server() { # $1 = memory | redis
  SERVER_PORT=$(free_port)
  local extra=()
  [[ "$1" == redis ]] && extra=(REDIS_ADDR="127.0.0.1:$REDIS_PORT" REDIS_KEY_PREFIX="sbload:")
  env JWT_SECRET=$SECRET SERVER_ADDR="127.0.0.1:$SERVER_PORT" WS_RATE_LIMIT=100000/min \
    WS_MAX_CONNECTIONS_PER_IP=100000 HTTP_MAX_CONNECTIONS_PER_IP=100000 LOG_LEVEL=WARN "${extra[@]}" \
    "$JAVA" -Xms1g -Xmx1g -jar "$APP_JAR" >"$WORK/server-$1.log" 2>&1 &
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

# CPU time (user + system, in clock ticks) a process has used so far, from /proc.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS_PER_S=$(getconf CLK_TCK)
DURATION_S=$(( ${DURATION%s} + 2 )) # the measured window plus the 2 s of warm-up, both at the rate

# Runs a command, writing its own CPU seconds (user + system) to $1 when GNU time is there.
timed_cpu() {
  local out=$1; shift
  if [[ -x /usr/bin/time ]]; then /usr/bin/time -o "$out" -f '%U %S' "$@"; else : >"$out"; "$@"; fi
}

# The server's CPU per change sent (µs; it includes the 500 connects of the run) and the share of
# a core each of server and generator used: where the generator is near a whole core or more, it
# is the generator that saturates and the latencies measure it too.
cpu_report() { # $1 $2 = server ticks before, after; $3 = summary line; $4 = generator CPU file
  local sent; sent=$(sed -nE 's/.*sent_per_s=([0-9.]+).*/\1/p' <<<"$3")
  awk -v b="$1" -v a="$2" -v hz="$TICKS_PER_S" -v s="${sent:-0}" -v d="$DURATION_S" -v g="$(cat "$4" 2>/dev/null)" \
    'BEGIN { cpu = (a - b) / hz; n = s * d;
             printf "server_cpu_us_per_change=%.0f server_cores=%.2f", (n > 0 ? 1e6 * cpu / n : 0), cpu / d;
             split(g, t, " "); if (g != "") printf " generator_cores=%.2f", (t[1] + t[2]) / d }'
}

declare -A HELD
RESULTS="$WORK/results"
: >"$RESULTS"
for backend in $BACKENDS; do
  start_server "$backend"
  for protocol in $PROTOCOLS; do
    HELD[$backend-$protocol]=0
    for rate in $RATES; do
      per_writer=$(awk -v r="$rate" -v s="$SESSIONS" 'BEGIN { printf "%.3f", r / s }')
      server_ticks_before=$(cpu_ticks "$SERVER_PID")
      line=$(timed_cpu "$WORK/generator-cpu" "$JAVA" -cp "$BENCH_JAR" io.syncbridge.loadgen.LoadGenerator \
        --url "http://127.0.0.1:$SERVER_PORT" --secret "$SECRET" --sessions "$SESSIONS" --devices 5 --writers 1 \
        --rate "$per_writer" --duration "$DURATION" --warmup 2s --protocol "$protocol" \
        --client "$LOADGEN_CLIENT" --receive "$LOADGEN_RECEIVE" 2>/dev/null \
        | grep '^summary' || echo "summary failed")
      line="$line $(cpu_report "$server_ticks_before" "$(cpu_ticks "$SERVER_PID")" "$line" "$WORK/generator-cpu")"
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
grep -E '^[a-z]+ v[12] (2000|5000) ' "$RESULTS" | awk '{ print "at", $3, $1, $2, $6, $7, $8, $9 }'
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
