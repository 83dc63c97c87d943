#!/usr/bin/env bash
# Cost on the target of LeakWatch's allocation-site recording: an allocating workload
# (alloc-sites/AllocWorkload.java, ~tens of millions of small objects per second, one in eight kept
# for a while) run without JFR and with a recording that enables only jdk.OldObjectSample (stack
# traces on, cutoff 0: alloc-sites/old-object-sample.jfc, the settings JfrRecorder sets over JMX).
# Rounds alternate (off, on, off, on, ...) so load from other work hits both alike; the table keeps
# every round and the medians. Writes src/bench/results/alloc-sites.md.
#
# Usage: src/bench/alloc-sites-bench.sh [ROUNDS=5] [SECONDS=10]
# Env:   JVM_OPTS (default "-Xmx512m -Xmn256m -XX:+UseSerialGC"), WARMUP seconds (default 5)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-5}
secs=${2:-10}
warm=${WARMUP:-5}
opts=${JVM_OPTS:--Xmx512m -Xmn256m -XX:+UseSerialGC}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" "$repo/src/bench/alloc-sites/AllocWorkload.java"
out="$repo/src/bench/results/alloc-sites.md"
jfc="$repo/src/bench/alloc-sites/old-object-sample.jfc"
off=() on=() offgc=() ongc=() offcpu=() oncpu=()
rows=""
for r in $(seq 1 "$rounds"); do
  for mode in off on; do
    flags=()
    [ "$mode" = on ] && flags=("-XX:StartFlightRecording:settings=$jfc,filename=$work/r.jfr")
    line=$(java $opts "${flags[@]}" -cp "$work" AllocWorkload "$warm" "$secs" 2>/dev/null | grep ops_per_s)
    ops=$(sed -E 's/.*ops_per_s=([0-9]+).*/\1/' <<<"$line")
    gc=$(sed -E 's/.*gc_ms=([0-9]+).*/\1/' <<<"$line")
    cpu=$(sed -E 's/.*ops_per_cpu_s=([0-9]+).*/\1/' <<<"$line")
    rows+="| $r | $mode | $ops | $cpu | $gc |"$'\n'
    if [ "$mode" = on ]; then on+=("$ops"); ongc+=("$gc"); oncpu+=("$cpu"); else off+=("$ops"); offgc+=("$gc"); offcpu+=("$cpu"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
moff=$(median "${off[@]}"); mon=$(median "${on[@]}")
goff=$(median "${offgc[@]}"); gon=$(median "${ongc[@]}")
coff=$(median "${offcpu[@]}"); con=$(median "${oncpu[@]}")
cdelta=$(awk -v a="$coff" -v b="$con" 'BEGIN {printf "%.1f", (a - b) * 100 / a}')
delta=$(awk -v a="$moff" -v b="$mon" 'BEGIN {printf "%.1f", (a - b) * 100 / a}')
{
  echo "# Allocation sites: cost of the JFR old-object recording on the target"
  echo
  echo "Workload: src/bench/alloc-sites/AllocWorkload.java ($secs s measured after $warm s warm-up, \`$opts\`),"
  echo "without JFR and with only \`jdk.OldObjectSample\` (stackTrace on, cutoff 0 ns). $rounds rounds, alternating."
  echo "Machine: $(nproc) cores shared with other work; $(java -version 2>&1 | head -1)."
  echo "Re-run: \`src/bench/alloc-sites-bench.sh $rounds $secs\`."
  echo
  echo "| | ops/s (median) | ops per CPU second (median) | GC ms in window (median) |"
  echo "|---|---:|---:|---:|"
  echo "| without JFR | $moff | $coff | $goff |"
  echo "| old-object sampling | $mon | $con | $gon |"
  echo
  echo "Cost: **$cdelta %** per CPU second, $delta % wall throughput (positive: slower with the recording)."
  echo
  echo "| round | JFR | ops/s | ops per CPU s | GC ms |"
  echo "|---:|---|---:|---:|---:|"
  printf '%s' "$rows"
} >"$out"
cat "$out"
