#!/usr/bin/env bash
# Where the server's CPU goes under fan-out load: JFR's CPU-time sampler (jdk.CPUTimeSample, JDK 25
# on Linux), which samples threads while they run, virtual ones included, unlike the wall-clock
# execution sampler. One server (memory or redis, on a Redis of its own), a warm-up run, then a run
# whose steady part (after the generator's connects) is recorded; prints the generator's summary,
# the hottest frames (self), the hottest SyncBridge / Jetty / Jackson frames (inclusive) and the
# share of samples per thread kind.
#
# Usage: syncbridge-bench/cpu-profile.sh [memory|redis] [changes/s] [seconds]
# Knobs (environment): APP_JAR, BENCH_JAR, SESSIONS (100), WARMUP_RUN (15s), PROTOCOL (v2),
# SERVER_OPTS (more JVM options, e.g. -Xlog:gc*,gc+phases=debug:file=gc.log), TOP (25),
# KEEP (a path to keep the recording at), PROFILE=0 (no recording: the same run, the summary only).
set -euo pipefail

source "$(dirname "$0")/bench-common.sh"
BACKEND=${1:-memory}
RATE=${2:-2000}
SECONDS_RECORDED=${3:-15}
WARMUP_RUN=${WARMUP_RUN:-15s}
RECORDING=${KEEP:-$WORK/cpu.jfr}

# shellcheck disable=SC2086 # SERVER_OPTS is a list of options
start_one_server "$BACKEND" -Xms1g -Xmx1g -XX:MaxGCPauseMillis=20 ${SERVER_OPTS:-}

load_one_server "$RATE" "$WARMUP_RUN" >/dev/null
if [[ "${PROFILE:-1}" == 0 ]]; then
  load_one_server "$RATE" "${SECONDS_RECORDED}s"
  exit 0
fi
load_one_server "$RATE" "$((SECONDS_RECORDED + 8))s" &
LOAD=$!
sleep 6 # the generator's connects and its 2 s warm-up stay out of the recording
"$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name=cpu settings=profile 'jdk.CPUTimeSample#enabled=true' \
  'jdk.CPUTimeSample#throttle=2ms' filename="$RECORDING" >/dev/null
sleep "$SECONDS_RECORDED"
"$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name=cpu >/dev/null
wait "$LOAD"

"$JAVA_HOME/bin/jfr" print --json --events jdk.CPUTimeSample "$RECORDING" | python3 -c '
import collections, json, re, sys
top = int(sys.argv[1])
samples = [e["values"] for e in json.load(sys.stdin)["recording"]["events"] if e["values"]["stackTrace"]]
own, inclusive, kinds = collections.Counter(), collections.Counter(), collections.Counter()
for sample in samples:
    frames = ["%s.%s" % (f["method"]["type"]["name"].replace("/", "."), f["method"]["name"])
              for f in sample["stackTrace"]["frames"]]
    own[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
    thread = sample.get("eventThread") or {}
    name = re.sub(r"[0-9a-f]{4,}|\d+", "#", thread.get("javaName") or "?")
    kinds[("virtual " if thread.get("virtual") else "") + name.split("#")[0].rstrip("-")] += 1
total = len(samples) or 1
print("cpu_samples=%d" % len(samples))
print("-- self")
for frame, n in own.most_common(top):
    print("%5.1f%% %s" % (100 * n / total, frame))
print("-- inclusive (io.syncbridge, Jetty, Jackson)")
shown = [(f, n) for f, n in inclusive.most_common() if re.match(r"(io\.syncbridge|org\.eclipse\.jetty|com\.fasterxml)", f)]
for frame, n in shown[:top]:
    print("%5.1f%% %s" % (100 * n / total, frame))
print("-- threads")
for kind, n in kinds.most_common(8):
    print("%5.1f%% %s" % (100 * n / total, kind))
' "${TOP:-25}"
