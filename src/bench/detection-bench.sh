#!/usr/bin/env bash
# Detection quality benchmark: real leaking and non-leaking programs (src/test/java/io/leakwatch/scenarios),
# each in its own JVM, watched by the daemon's real wiring (attach sampler, growth detection, capture with
# our HPROF engine, alerts to a local webhook) at a 1 s interval under one time-scaled detector profile
# (BenchDetection). Writes src/bench/results/detection.md: per scenario detected or not, delay (seconds and
# samples), whether the top chain names the culprit field, false alerts, the pause each sample caused; the
# totals; and the sample pause against `jcmd <pid> GC.class_histogram` on the same JVM.
#
# Usage: src/bench/detection-bench.sh [short|full]   (default full)
#   short: 12 scenarios, 6 at a time, 50 s each (~2 min; what `mvn verify` runs)
#   full:  12 scenarios, 3 at a time, 120 s each, the late leak starting after 45 s (~9 min)
# The run fails (exit 1) when a target is missed (a leak not found, a false alert, a chain not naming its
# culprit, median delay of 10 samples or more); the table is written either way.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
profile=${1:-full}
case "$profile" in short|full) ;; *) echo "usage: $0 [short|full]" >&2; exit 2 ;; esac
out="$repo/src/bench/results/detection.md"
[ "$profile" = short ] && out="$repo/src/bench/results/detection-short.md"
cd "$repo"
mvn -B -ntp -Dit.test=DetectionQualityIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dleakwatch.bench.profile="$profile" -Dleakwatch.bench.results="$out" -Dleakwatch.bench.series="$repo/target/detection-series/$profile" verify >"$repo/target/detection-bench.log" 2>&1
rc=$?
if [ -s "$out" ]; then
  cat "$out"
  echo "results in $out (log: target/detection-bench.log)"
else
  tail -50 "$repo/target/detection-bench.log"
fi
exit $rc
