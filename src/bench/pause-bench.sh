#!/usr/bin/env bash
# Pause benchmark: the stop-the-world time the daemon causes on one big-heap target, counted from
# the target's own -Xlog:safepoint (VM operations GC_HeapInspection = a histogram, HeapDumper = a
# capture's dump) and kept apart from the target's own GCs. Not a CI test; results in
# src/bench/results/pause.md.
#
#   mvn -B -ntp -DskipTests package
#   src/bench/pause-bench.sh NAME LIVE_MIB LEAK_KIB_S INTERVAL MINUTES [BUDGET] [PROFILE]
#
#   BUDGET   sampling.pauseBudget: "default" (the shipped 0.1 %) or e.g. 100% (a histogram every
#            round, as before the budget existed)
#   PROFILE  "staging" (warmUp 60s, minSpan 2m, confirmAfter 3; sawtoothPeriod 40s, since minSpan
#            must hold three) or "default" detection
#
# Examples (all the runs and their exact commands are in pause.md):
#   src/bench/pause-bench.sh leak   1536 512 10s 12 default staging   # the "Done when" run
#   src/bench/pause-bench.sh steady 1536 0   60s 30 default default   # 30 min, no leak, shipped defaults
#   src/bench/pause-bench.sh before 1536 0   60s 5  100%    default   # a histogram every round
#   src/bench/pause-bench.sh --report NAME                           # the summary again, from the kept files
# TARGET_OPTS overrides the target's flags (default G1 -Xmx6g); CHURN (MiB/s, default 20); SAMPLING adds
# keys to the sampling section, e.g. SAMPLING="escalationPause: 90s"; CAPTURE writes a capture section,
# e.g. CAPTURE="analysisHeap: 6GiB".
# Runs in /tmp/pause-bench-NAME (kept: logs, safepoint and GC logs, metrics and load samples, run.env);
# prints the run's summary (also in result.txt there).
set -euo pipefail

# The table row, from the files a run leaves in $WORK (also: pause-bench.sh --report NAME).
report() {
    # Safepoints within the run: "[12.345s] Safepoint "GC_HeapInspection", ... Total: 123456 ns"
    : >"$WORK/histogram-pauses.txt"
    awk -v t0="$TARGET_UP0" -v t1="$TARGET_UP1" -v pauses="$WORK/histogram-pauses.txt" '
        /Safepoint "/ {
            t = substr($1, 2); sub(/s\]$/, "", t); t += 0
            match($0, /Safepoint "[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12)
            match($0, /Total: [0-9]+ ns/); ns = substr($0, RSTART + 7, RLENGTH - 10) + 0
            # logged when it ends: one that began in the run counts whole (a dump the end cut short too)
            if (t - ns / 1e9 < t0 || t - ns / 1e9 > t1) next
            if (op == "GC_HeapInspection") { hist += ns; nh++; printf "%.0f\n", ns > pauses }
            else if (op == "HeapDumper") { dump += ns; nd++ }
            else if (op ~ /G1|Collect|ZMark|ZRelocate|Shenandoah|Parallel|GenCollect|CMS/) { gc += ns; ng++ }
            else { other += ns; no++ }
        }
        END { printf "%.0f %d %.0f %d %.0f %d %.0f %d\n", hist, nh, dump, nd, gc, ng, other, no }
    ' "$WORK/safepoint.log" >"$WORK/safepoints.txt"
    read -r HIST NH DUMP ND GC NG OTHER NO <"$WORK/safepoints.txt"
    pct() { awk -v n="$1" -v e="$ELAPSED" 'BEGIN { printf "%.3f", 100 * n / 1e9 / e }'; }
    sec() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e9 }'; }
    # the longest stretch with no change of leakwatch_live_heap_bytes (polled every 5 s)
    GAP=$(awk 'NF == 2 { if ($2 != last) { if (seen && $1 - at > g) g = $1 - at; at = $1; last = $2; seen = 1 } }
               END { if (seen && $1 - at > g) g = $1 - at; print g + 0 }' "$WORK/live-heap.tsv")
    # forced histograms: their full GC is logged by the target as "Pause Full (Heap Inspection Initiated GC)"
    FORCED=$(awk -v t0="$TARGET_UP0" -v t1="$TARGET_UP1" '/Heap Inspection Initiated GC/ {
        t = substr($1, 2); sub(/s\].*$/, "", t); t += 0; if (t >= t0 && t <= t1) n++ } END { print n + 0 }' "$WORK/gc.log")
    P50MAX=$(sort -n "$WORK/histogram-pauses.txt" 2>/dev/null | awk '{ v[NR] = $1 }
        END { if (NR) printf "%.2f / %.2f", v[int((NR + 1) / 2)] / 1e9, v[NR] / 1e9; else print "-" }')
    # the target's own collections in the run: each is a new after-GC figure for the gc_reported tier
    GCS=$(awk -v t0="$TARGET_UP0" -v t1="$TARGET_UP1" '/ Pause (Young|Full|Remark)/ {
        t = substr($1, 2); sub(/s\].*$/, "", t); t += 0; if (t >= t0 && t <= t1) n++ } END { print n + 0 }' "$WORK/gc.log")
    CHANGES=$(awk 'NF == 2 { if ($2 != last) { n++; last = $2 } } END { print n + 0 }' "$WORK/live-heap.tsv")
    LOAD=$(awk '{ s += $2; if ($2 > m) m = $2 } END { if (NR) printf "%.2f mean, %.2f max", s / NR, m }' "$WORK/load.tsv")
    # An alert's time from its log line's first field: "HH:mm:ss.SSS" (built-in logging) or ISO-8601
    # (a logback.xml beside the config); only that field is a date, the level after it is not.
    after() {
        local at
        [[ -n $1 ]] && at=$(date -d "$1" +%s 2>/dev/null) || { echo -; return; }
        echo "$(( (at - T0 + 86400) % 86400 ))s"   # a time of day may have crossed midnight
    }
    # every alert's block: its line and the chains under it, up to the next timestamped log line
    awk '/LEAK target=big/ { p = 1; print; next } p && /^[0-9]/ { p = 0 } p' "$WORK/daemon.log" >"$WORK/alert.txt"
    ALERT_AFTER=$(after "$(awk 'NR == 1 {print $1}' "$WORK/alert.txt")")
    # the first alert that names the leaking type, in its summary or its chain
    TYPE_AFTER=$(after "$(awk '/LEAK target=big/ {at = $1} /LeakedEntry/ && at {print at; exit}' "$WORK/alert.txt")")
    CULPRIT=$(grep -m1 '<-- culprit' "$WORK/alert.txt" | sed 's/.* via \([^ ]*\).*/\1/' || true)
    TIERS=$(grep '^leakwatch_samples_by_tier_total' "$WORK/metrics-end.txt" | sed 's/.*tier="\([a-z_]*\)".* \([0-9.]*\)$/\1=\2/' | tr '\n' ' ' || true)
    {
        echo "run $NAME: live ${LIVE} MiB, leak ${LEAK} KiB/s, churn ${CHURN} MiB/s, interval $INTERVAL, budget $BUDGET${SAMPLING:+ ($SAMPLING)}${CAPTURE:+, capture ($CAPTURE)}, detection $PROFILE, ${ELAPSED}s"
        echo "target: $TARGET_OPTS; $(java -version 2>&1 | head -1)"
        echo "histograms: $NH ($FORCED forced, $(( NH - FORCED )) -all), $(sec "$HIST") s = $(pct "$HIST") % of the run, per histogram p50 / max $P50MAX s"
        echo "dumps: $ND, $(sec "$DUMP") s = $(pct "$DUMP") %"
        echo "daemon-caused (histograms + dumps): $(sec $((HIST + DUMP))) s = $(pct $((HIST + DUMP))) %, per hour $(awk -v n=$((HIST + DUMP)) -v e="$ELAPSED" 'BEGIN { printf "%.1f", n / 1e9 * 3600 / e }') s"
        echo "other non-GC safepoints (not attributed): $NO, $(sec "$OTHER") s = $(pct "$OTHER") %"
        echo "target's own GC pauses: $NG, $(sec "$GC") s = $(pct "$GC") %"
        echo "live-heap series: $CHANGES changes, $(awk -v c="$CHANGES" -v e="$ELAPSED" 'BEGIN { printf "%.1f", c * 60 / e }') per minute, longest stretch without a change ${GAP}s (polled every 5 s); the target's collections: $GCS"
        echo "first alert: ${ALERT_AFTER} after the daemon started (polled: ${ALERT_POLLED:--}s); first naming LeakedEntry: $TYPE_AFTER; chain culprit: ${CULPRIT:--}"
        echo "load average (1 min): $LOAD"
        echo "tiers: $TIERS"
    } | tee "$WORK/result.txt"
}
if [[ ${1:-} == --report ]]; then
    WORK=/tmp/pause-bench-$2
    # shellcheck source=/dev/null
    source "$WORK/run.env"
    report
    exit
fi

NAME=$1; LIVE=$2; LEAK=$3; INTERVAL=$4; MINUTES=$5; BUDGET=${6:-default}; PROFILE=${7:-default}
CHURN=${CHURN:-20}
SAMPLING=${SAMPLING:-}
CAPTURE=${CAPTURE:-}
TARGET_OPTS=${TARGET_OPTS:-"-XX:+UseG1GC -Xmx6g -Xms6g"}
DAEMON_OPTS=${DAEMON_OPTS:-"-Xmx256m -XX:+UseSerialGC"}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/leakwatch.jar
[[ -f $JAR && -d $ROOT/target/lib ]] || { echo "pause-bench: build first: mvn -B -ntp -DskipTests package" >&2; exit 2; }

WORK=/tmp/pause-bench-$NAME
rm -rf "$WORK"; mkdir -p "$WORK/app"; chmod 700 "$WORK"
cp -r "$JAR" "$ROOT/target/lib" "$WORK/app/"
cp "$ROOT/src/bench/java/BigHeapTarget.java" "$WORK/"
PORT=$(( 20000 + RANDOM % 20000 ))
TARGET_PID=; DAEMON_PID=
cleanup() {
    [[ -n $DAEMON_PID ]] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
    [[ -n $TARGET_PID ]] && kill "$TARGET_PID" 2>/dev/null && wait "$TARGET_PID" 2>/dev/null || true
}
trap cleanup EXIT

java $TARGET_OPTS -Xlog:safepoint:file="$WORK/safepoint.log":uptime -Xlog:gc:file="$WORK/gc.log":uptime \
    "$WORK/BigHeapTarget.java" "$LIVE" "$CHURN" "$LEAK" >"$WORK/target.log" 2>&1 &
TARGET_PID=$!
for _ in $(seq 1 1800); do grep -q '^ready' "$WORK/target.log" 2>/dev/null && break; sleep 1; done
grep -q '^ready' "$WORK/target.log" || { echo "pause-bench: target not ready" >&2; cat "$WORK/target.log" >&2; exit 1; }
echo "pause-bench: target $(head -1 "$WORK/target.log")"

{
    echo "dataDir: $WORK/data"
    echo "http: {address: 127.0.0.1, port: $PORT}"
    KEYS=$(if [[ $BUDGET != default ]]; then echo "pauseBudget: \"$BUDGET\"${SAMPLING:+, }"; fi)$SAMPLING
    [[ -n $KEYS ]] && echo "sampling: {$KEYS}"
    [[ -n $CAPTURE ]] && echo "capture: {$CAPTURE}"
    [[ $PROFILE == staging ]] && echo "detection: {warmUp: 60s, minSpan: 2m, sawtoothPeriod: 40s, confirmAfter: 3}"
    echo "targets:"
    echo "  - {name: big, pid: $TARGET_PID, interval: $INTERVAL, callTimeout: 120s}"
} >"$WORK/leakwatch.yml"
mkdir -m 700 "$WORK/data"
START_UP=$(awk '{print $1}' /proc/uptime)
java $DAEMON_OPTS -jar "$WORK/app/leakwatch.jar" run --config "$WORK/leakwatch.yml" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
T0=$(date +%s)
# the target's uptime when the daemon started, to cut the safepoint log (it logs target uptime)
TARGET_UP0=$(awk -v s="$START_UP" -v p="$(awk '{print $22}' /proc/$TARGET_PID/stat)" -v k="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", s - p / k }')
END=$(( T0 + MINUTES * 60 ))
: >"$WORK/live-heap.tsv"; : >"$WORK/load.tsv"
ALERT_POLLED=
while (( $(date +%s) < END )); do
    kill -0 "$TARGET_PID" 2>/dev/null || { echo "pause-bench: target died" >&2; break; }
    kill -0 "$DAEMON_PID" 2>/dev/null || { echo "pause-bench: daemon died" >&2; tail -5 "$WORK/daemon.log" >&2; exit 1; }
    NOW=$(( $(date +%s) - T0 ))
    v=$(curl -sf "http://127.0.0.1:$PORT/metrics" | awk '/^leakwatch_live_heap_bytes\{/ {print $NF; exit}' || true)
    echo "$NOW ${v:-}" >>"$WORK/live-heap.tsv"
    # the machine's 1-minute load average: other jobs share the cores and stretch the pauses
    echo "$NOW $(cut -d' ' -f1 /proc/loadavg)" >>"$WORK/load.tsv"
    # when the first alert was seen, whatever the daemon's log format (a bound, polled every 5 s)
    [[ -z $ALERT_POLLED ]] && grep -q 'LEAK target=big' "$WORK/daemon.log" && ALERT_POLLED=$NOW
    sleep 5
done
ELAPSED=$(( $(date +%s) - T0 ))
curl -sf "http://127.0.0.1:$PORT/metrics" >"$WORK/metrics-end.txt" || true
TARGET_UP1=$(awk -v u="$TARGET_UP0" -v e="$ELAPSED" 'BEGIN { printf "%.1f", u + e }')
for v in NAME LIVE LEAK INTERVAL BUDGET PROFILE CHURN SAMPLING CAPTURE TARGET_OPTS T0 TARGET_UP0 TARGET_UP1 ELAPSED ALERT_POLLED; do
    printf '%s=%q\n' "$v" "${!v}"
done >"$WORK/run.env"

report
