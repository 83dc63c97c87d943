#!/usr/bin/env bash
# Soak benchmark: the daemon watching N real JVMs for a while; its CPU, RSS, threads, fds, heap
# after GC, and missed samples. Not a CI test. Writes src/bench/results/soak.md.
#
#   mvn -B -ntp -DskipTests package          # builds target/leakwatch.jar and target/lib
#   src/bench/soak.sh [JVMS=20] [INTERVAL=10s] [MINUTES=30]
#
# DAEMON_OPTS overrides the daemon's JVM flags (default below); WARMUP (seconds, default 60) is
# left out of the CPU and missed-sample figures (JIT, first attaches); SOAK_OUT names another
# results file.
set -euo pipefail

JVMS=${1:-20}
INTERVAL=${2:-10s}
MINUTES=${3:-30}
WARMUP=${WARMUP:-60}
# The daemon's heap after GC stays near 15 MB (the dump analysis runs in a child JVM); a small Serial
# heap and C1 only keep the RSS near 110 MB (the default heap sizing commits 64 MB of heap at once).
# 50 % free after a full GC (not 30 %) halves the daemon's full GCs for 2 MB of RSS (results/soak.md).
DAEMON_OPTS=${DAEMON_OPTS:-"-Xms16m -Xmx64m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50 -XX:+UseSerialGC -Xss256k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m"}
TARGET_OPTS="-Xmx32m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/leakwatch.jar
OUT=${SOAK_OUT:-$ROOT/src/bench/results/soak.md}
[[ -f $JAR && -d $ROOT/target/lib ]] || { echo "soak: build first: mvn -B -ntp -DskipTests package" >&2; exit 2; }
case $INTERVAL in *ms) INTERVAL_S=1 ;; *s) INTERVAL_S=${INTERVAL%s} ;; *m) INTERVAL_S=$(( ${INTERVAL%m} * 60 )) ;; *) echo "soak: INTERVAL like 10s or 1m" >&2; exit 2 ;; esac

WORK=$(mktemp -d /tmp/leakwatch-soak.XXXXXX)
# a private copy, so that rebuilding target/ meanwhile cannot pull classes from under the JVMs
mkdir "$WORK/app" && cp -r "$JAR" "$ROOT/target/lib" "$WORK/app/"
JAR=$WORK/app/leakwatch.jar
PORT=$(( 20000 + RANDOM % 20000 ))
TARGET_PIDS=()
DAEMON_PID=
cleanup() {
    [[ -n $DAEMON_PID ]] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
    for p in "${TARGET_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${TARGET_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# The targets read stdin until it closes (LeakyService exits then); a FIFO held open read-write
# never closes, and the targets are killed by pid at the end.
mkfifo "$WORK/stdin"
exec 3<>"$WORK/stdin"
echo "soak: starting $JVMS target JVMs (LeakyService, 20 requests/s, 64-byte sessions)"
for i in $(seq 1 "$JVMS"); do
    java $TARGET_OPTS -cp "$JAR" io.leakwatch.demo.LeakyService 20 64 <&3 >"$WORK/target-$i.log" 2>&1 &
    TARGET_PIDS+=($!)
done
for i in $(seq 1 "$JVMS"); do
    for _ in $(seq 1 600); do grep -q '^ready' "$WORK/target-$i.log" 2>/dev/null && break; sleep 0.1; done
done

{
    echo "dataDir: $WORK/data"
    echo "http: {address: 127.0.0.1, port: $PORT}"
    echo "targets:"
    for i in $(seq 1 "$JVMS"); do
        printf '  - {name: t%02d, pid: %d, interval: %s, attachTimeout: 10s, callTimeout: 30s}\n' "$i" "${TARGET_PIDS[$((i-1))]}" "$INTERVAL"
    done
} >"$WORK/leakwatch.yml"
mkdir -m 700 "$WORK/data"

echo "soak: daemon with $DAEMON_OPTS"
java $DAEMON_OPTS -jar "$JAR" run --config "$WORK/leakwatch.yml" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/metrics" >/dev/null && break; sleep 0.2; done

TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$DAEMON_PID/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$DAEMON_PID/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$DAEMON_PID/status"; }
fds() { ls "/proc/$DAEMON_PID/fd" | wc -l; }
heap_after_gc_kb() { # heap in use after a full GC, all generations, in KB
    jcmd "$DAEMON_PID" GC.run >/dev/null
    jcmd "$DAEMON_PID" GC.heap_info | awk '/total/ && /used/ && !/Metaspace|class space/ {
        for (i = 1; i < NF; i++) if ($i == "used") { v = $(i+1); sub(/,$/, "", v); m = (v ~ /M$/) ? 1024 : 1; sub(/[KM]$/, "", v); s += v * m } }
        END { printf "%d\n", s }'
}
full_gcs() { # the daemon's full collections so far (jstat's FGC column)
    jstat -gc "$DAEMON_PID" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FGC") c = i } NR == 2 { print $c }'
}
scrape() { curl -sf "http://127.0.0.1:$PORT/metrics"; }
metric_sum() { # name [label filter] < scrape
    awk -v n="$1" -v f="${2:-}" 'index($1, n"{") == 1 || $1 == n { if (f == "" || index($1, f)) s += $NF } END { printf "%d\n", s }'
}
counters() { # ok all misfires, from one scrape
    local m; m=$(scrape)
    echo "$(metric_sum leakwatch_samples_total 'outcome="ok"' <<<"$m") $(metric_sum leakwatch_samples_total <<<"$m") $(metric_sum leakwatch_sample_misfires_total <<<"$m")"
}

echo "soak: warm-up ${WARMUP}s"
sleep "$WARMUP"
T0=$(date +%s); C0=$(cpu_ticks)
read -r OK0 ALL0 MIS0 <<<"$(counters)"
H0=$(heap_after_gc_kb)
F0=$(full_gcs); LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS="| minute | CPU % (last period) | RSS MB | threads | fds |\n|---:|---:|---:|---:|---:|\n"
END=$(( T0 + MINUTES * 60 ))
LAST_T=$T0; LAST_C=$C0; MAX_RSS=0; MAX_CPU=0
STEP=$(( MINUTES * 60 / 10 )); (( STEP < 30 )) && STEP=30
while (( $(date +%s) < END )); do
    sleep $(( STEP < END - $(date +%s) ? STEP : END - $(date +%s) ))
    kill -0 "$DAEMON_PID" 2>/dev/null || { echo "soak: the daemon died; log:" >&2; tail -50 "$WORK/daemon.log" >&2; exit 1; }
    NOW=$(date +%s); C=$(cpu_ticks); R=$(rss_kb)
    PCT=$(awk -v c=$((C - LAST_C)) -v t=$((NOW - LAST_T)) -v k="$TCK" 'BEGIN { printf "%.2f", 100 * c / k / (t > 0 ? t : 1) }')
    ROWS+="| $(awk -v s=$((NOW - T0)) 'BEGIN { printf "%.1f", s / 60 }') | $PCT | $((R / 1024)) | $(threads) | $(fds) |\n"
    (( R > MAX_RSS )) && MAX_RSS=$R
    MAX_CPU=$(awk -v a="$MAX_CPU" -v b="$PCT" 'BEGIN { print (b > a ? b : a) }')
    LAST_T=$NOW; LAST_C=$C
    echo "soak: $(( (NOW - T0) / 60 )) min: cpu ${PCT}% rss $((R / 1024)) MB"
done
T1=$(date +%s); C1=$(cpu_ticks)
read -r OK1 ALL1 MIS1 <<<"$(counters)"
F1=$(full_gcs); LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
# the sampled maximum misses the warm-up, where the first captures may fall; VmHWM does not
HWM=$(awk '/^VmHWM/ {print $2}' "/proc/$DAEMON_PID/status")
# the capture analyses run in child JVMs (capture.analysis: child), which log their peak RSS
CHILD_RSS=$(grep -o 'analysis JVM peak RSS [0-9]* MB' "$WORK/daemon.log" | awk '{print $5}' | sort -n | tail -1 || true)
CHILDREN=$(grep -c 'analysis JVM peak RSS' "$WORK/daemon.log" || true)
H1=$(heap_after_gc_kb)
ELAPSED=$((T1 - T0))
CPU=$(awk -v c=$((C1 - C0)) -v t=$ELAPSED -v k="$TCK" 'BEGIN { printf "%.2f", 100 * c / k / t }')
EXPECTED=$(( JVMS * ELAPSED / INTERVAL_S ))
OK=$((OK1 - OK0)); FAILED=$(( (ALL1 - ALL0) - OK )); MISFIRES=$((MIS1 - MIS0))
MISSED=$(( EXPECTED - OK > 0 ? EXPECTED - OK : 0 ))
FAILURES=$(scrape | grep '^leakwatch_samples_total' | grep -v 'outcome="ok"' | awk '$NF > 0' | head -5 || true)

VERDICT_CPU=$(awk -v c="$CPU" 'BEGIN { print (c < 1.0 ? "met" : "NOT met") }')
VERDICT_RSS=$(( MAX_RSS < 128 * 1024 ))
mkdir -p "$(dirname "$OUT")"
{
    echo "# Soak benchmark"
    echo
    echo "\`src/bench/soak.sh $JVMS $INTERVAL $MINUTES\` on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(uname -r)), $(java -version 2>&1 | head -1)."
    echo "Daemon flags: \`$DAEMON_OPTS\`. Targets: $JVMS \`LeakyService 20 64\` JVMs (\`$TARGET_OPTS\`)."
    echo "Measured for $((ELAPSED / 60)) min $((ELAPSED % 60)) s after a ${WARMUP}s warm-up. CPU is the daemon's own user+system time from /proc/<pid>/stat over wall time, 100 % = one core."
    echo
    echo "| figure | value | goal |"
    echo "|---|---:|---|"
    echo "| daemon CPU, whole run | $CPU % | < 1 % of a core: $VERDICT_CPU |"
    echo "| daemon CPU, worst period | $MAX_CPU % | |"
    echo "| daemon RSS, max | $((MAX_RSS / 1024)) MB | < 128 MB: $([[ $VERDICT_RSS == 1 ]] && echo met || echo NOT met) |"
    echo "| daemon RSS, peak over its whole life (VmHWM, warm-up and captures included) | $((HWM / 1024)) MB | < 128 MB |"
    echo "| daemon heap used after GC, start → end | $(awk -v a=$H0 -v b=$H1 'BEGIN { printf "%.1f MB → %.1f MB", a / 1024, b / 1024 }') | no growth |"
    echo "| samples ok / expected ($JVMS × $ELAPSED s / ${INTERVAL_S}s) | $OK / $EXPECTED | |"
    echo "| missed samples (expected − ok) | $MISSED | 0 (±$JVMS at the window edges) |"
    echo "| failed samples | $FAILED | 0 |"
    echo "| misfires (leakwatch_sample_misfires_total) | $MISFIRES | 0 |"
    echo "| daemon full GCs in the measured period (jstat FGC) | $((F1 - F0)) | |"
    echo "| analysis child JVMs: count, peak RSS max | ${CHILDREN:-0}, ${CHILD_RSS:-n/a} MB | |"
    echo "| load average (1, 5, 15 min) start → end | $LOAD0 → $LOAD1 | |"
    echo
    [[ -n $FAILURES ]] && { echo "Failures by outcome:"; echo; echo '```'; echo "$FAILURES"; echo '```'; echo; }
    echo "Over time:"
    echo
    printf "%b" "$ROWS"
} >"$OUT"
echo "soak: wrote $OUT"
cat "$OUT"
