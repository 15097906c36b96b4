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
