#!/usr/bin/env bash
# Bytes the server allocates per change under load, from JFR's exact per-thread counters
# (jdk.ThreadAllocationStatistics), not its allocation samples (whose weights are unreliable with
# virtual threads). One server (memory or redis, on a Redis of its own), a warm-up run, then a
# recorded run; prints the generator's summary and the bytes per change, split by thread kind.
#
# Usage: syncbridge-bench/alloc-per-change.sh [memory|redis] [changes/s] [seconds]
# Knobs (environment): APP_JAR, BENCH_JAR (the built jars), SESSIONS (100), WARMUP_RUN (15s).
set -euo pipefail

source "$(dirname "$0")/bench-common.sh"
BACKEND=${1:-redis}
RATE=${2:-2000}
SECONDS_RECORDED=${3:-15}
WARMUP_RUN=${WARMUP_RUN:-15s}

start_one_server "$BACKEND" -Xms1g -Xmx1g

load_one_server "$RATE" "$WARMUP_RUN" >/dev/null
"$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name=alloc settings=default filename="$WORK/alloc.jfr" >/dev/null
load_one_server "$RATE" "${SECONDS_RECORDED}s"
"$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name=alloc >/dev/null

# The recording spans the generator's connects, its 2 s warm-up and the measured run, all at the rate.
CHANGES=$(( RATE * (SECONDS_RECORDED + 2) ))
"$JAVA_HOME/bin/jfr" print --json --events jdk.ThreadAllocationStatistics "$WORK/alloc.jfr" \
  | python3 -c '
import json, sys
changes = int(sys.argv[1])
first, last, kind = {}, {}, {}
for event in json.load(sys.stdin)["recording"]["events"]:
    values = event["values"]
    thread = values["thread"]
    if not thread:
        continue
    tid = thread["javaThreadId"]
    name = thread.get("javaName") or "?"
    kind[tid] = "carriers" if "ForkJoinPool" in name else "redis pipeline" if "pipeline" in name else "other"
    first.setdefault(tid, values["allocated"])
    last[tid] = values["allocated"]
total = sum(last[t] - first[t] for t in last)
shares = {}
for t in last:
    shares[kind[t]] = shares.get(kind[t], 0) + last[t] - first[t]
split = ", ".join("%s %.0f%%" % (k, 100 * v / total) for k, v in sorted(shares.items(), key=lambda kv: -kv[1]))
print("allocated_per_change_kb=%.1f (%.0f MB over %d changes; %s)" % (total / changes / 1e3, total / 1e6, changes, split))
' "$CHANGES"
