# Sourced by the load scripts in this folder: the JDK, the built jars (built when missing), the
# token secret the generator signs with, a scratch directory and a free loopback port.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
APP_JAR=${APP_JAR:-$ROOT/syncbridge-app/target/syncbridge.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/syncbridge-bench/target/benchmarks.jar}
SESSIONS=${SESSIONS:-100}
SECRET=load-bench-secret-0123456789abcdef0123456789
WORK=$(mktemp -d)

if [[ ! -f "$APP_JAR" || ! -f "$BENCH_JAR" ]]; then
  (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -o -pl syncbridge-app,syncbridge-bench -am package -DskipTests)
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# One server to look inside (alloc-per-change.sh, cpu-profile.sh): $1 = memory | redis (on a Redis
# of its own), then JVM options. Sets SERVER_PID and SERVER_PORT; everything stops on exit.
SERVER_PID=
REDIS_PID=
stop_one_server() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n "$REDIS_PID" ]] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
start_one_server() {
  local backend=$1
  shift
  trap stop_one_server EXIT
  local extra=()
  if [[ "$backend" == redis ]]; then
    local redis_port
    redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --logfile "$WORK/redis.log" &
    REDIS_PID=$!
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    extra=(REDIS_ADDR="127.0.0.1:$redis_port" REDIS_KEY_PREFIX="sbprobe:")
  fi
  SERVER_PORT=$(free_port)
  env JWT_SECRET=$SECRET SERVER_ADDR="127.0.0.1:$SERVER_PORT" WS_RATE_LIMIT=100000/min \
    WS_MAX_CONNECTIONS_PER_IP=100000 HTTP_MAX_CONNECTIONS_PER_IP=100000 LOG_LEVEL=WARN "${extra[@]}" \
    "$JAVA" "$@" -jar "$APP_JAR" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$SERVER_PORT/health/live" >/dev/null 2>&1 && break; sleep 0.1; done
}

# The generator against that server: $1 = changes/s in all, $2 = duration; prints its summary line.
load_one_server() {
  "$JAVA" -cp "$BENCH_JAR" io.syncbridge.loadgen.LoadGenerator --url "http://127.0.0.1:$SERVER_PORT" \
    --secret "$SECRET" --sessions "$SESSIONS" --devices 5 --writers 1 \
    --rate "$(awk -v r="$1" -v s="$SESSIONS" 'BEGIN { printf "%.3f", r / s }')" --duration "$2" --warmup 2s \
    --protocol "${PROTOCOL:-v2}" --server-pid "$SERVER_PID" 2>/dev/null | grep '^summary'
}
