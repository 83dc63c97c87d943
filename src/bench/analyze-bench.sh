#!/usr/bin/env bash
# Benchmark of `leakwatch analyze` against Shark and Eclipse MAT on the same dumps, in one run.
#
# Workload (the peers' one): shortest strong paths from GC roots, plus retained sizes, for the first
# 100k java.util.HashMap$Node instances of a dump a real JVM wrote (/work/shared/peers/make-dump.sh:
# N HashMap entries in a static field). Records wall time and peak RSS (/usr/bin/time) of each tool,
# and writes the table to src/bench/results/analyze.md. Dumps stay under $BENCH_WORK (default /tmp).
#
# Usage: src/bench/analyze-bench.sh [N=1000000] [BIG_N=5000000]   (BIG_N=0 skips the ~1.2 GB dump)
# Env:   OURS_XMX (default 256m) heap for our run on the N dump; the big dump always runs with -Xmx1g
#        on 2 cores (taskset -c 0,1). SKIP_PEERS=1 runs only ours. ROUNDS (default 3): the tools run
#        in interleaved rounds (ours, Shark, MAT, ours, ...) and each keeps its fastest round, so a
#        burst of load from other work on the machine does not decide a ratio.
#        OURS_JVM_OPTS (default "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"): a short batch run on 2 cores
#        loses more to C2's compile threads than C2 code gains it (measured: ~1.0 s vs ~2.0 s of CPU on
#        the 243 MB dump); the peers keep their own launchers' defaults.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
peers=${PEERS:-/work/shared/peers}
work=${BENCH_WORK:-/tmp/leakwatch-bench}
n=${1:-1000000}
big=${2:-5000000}
type='java.util.HashMap$Node'
limit=100000
mkdir -p "$work"
export PEERS_WORK="$work/peers"

dump_for() {
  local count=$1 file="$work/d$1.hprof"
  [ -s "$file" ] || bash "$peers/make-dump.sh" "$count" "$file" >&2
  echo "$file"
}

(cd "$repo" && mvn -q -o -B -ntp -DskipTests package)
cp="$repo/target/classes:$repo/target/lib/*"
jvm_opts=${OURS_JVM_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}

# prints "wall_seconds peak_rss_kb"
ours() {
  local dump=$1 xmx=$2; shift 2
  /usr/bin/time -f '%e %M' -o "$work/ours.time" "$@" java -Xmx"$xmx" $jvm_opts -cp "$cp" \
    io.leakwatch.cli.AnalyzeCommand "$dump" --type "$type" --limit "$limit" --quiet >"$work/ours.out"
  cat "$work/ours.time"
}

peer() {
  local name=$1 dump=$2 out="$work/$1.out"
  rm -f "$(dirname "$dump")"/*.index "$(dirname "$dump")"/*.threads 2>/dev/null || true
  bash "$peers/$name/run.sh" "$dump" "$type" "$limit" >"$out" 2>&1 || { echo "FAILED 0"; return; }
  grep -o "$name wall [0-9.]* s, peak RSS [0-9]* KB" "$out" | awk '{print $3, $7}'
}

d=$(dump_for "$n")
size_mb=$(( $(stat -c %s "$d") / 1000000 ))
echo "dump $d (${size_mb} MB)" >&2
rounds=${ROUNDS:-3}
ow=0; orss=0; sw=0; srss=0; mw=0; mrss=0
# keeps the faster of (best wall, its rss) and (new wall, new rss)
better() { awk -v bw="$1" -v br="$2" -v w="$3" -v r="$4" 'BEGIN { if (bw == 0 || (w > 0 && w < bw)) print w, r; else print bw, br }'; }
for round in $(seq "$rounds"); do
  read -r w r < <(ours "$d" "${OURS_XMX:-256m}"); echo "round $round leakwatch: $w s, $r KB" >&2
  read -r ow orss < <(better "$ow" "$orss" "$w" "$r")
  if [ "${SKIP_PEERS:-0}" != 1 ]; then
    read -r w r < <(peer shark "$d"); echo "round $round shark: $w s, $r KB" >&2
    read -r sw srss < <(better "$sw" "$srss" "$w" "$r")
    read -r w r < <(peer mat "$d"); echo "round $round mat: $w s, $r KB" >&2
    read -r mw mrss < <(better "$mw" "$mrss" "$w" "$r")
    rm -f "$(dirname "$d")"/*.index "$(dirname "$d")"/*.threads 2>/dev/null || true
  fi
done
load=$(cut -d' ' -f1-3 /proc/loadavg)

bigline=""
if [ "$big" != 0 ]; then
  bd=$(dump_for "$big")
  bsize_mb=$(( $(stat -c %s "$bd") / 1000000 ))
  bw=0; brss=0
  for round in $(seq "$rounds"); do
    read -r w r < <(ours "$bd" 1g taskset -c 0,1); echo "round $round leakwatch big: $w s, $r KB" >&2
    read -r bw brss < <(better "$bw" "$brss" "$w" "$r")
  done
  bigline="| leakwatch, ${bsize_mb} MB dump ($big entries), -Xmx1g, 2 cores | $bw s | $((brss / 1024)) MB | target < 15 s |"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }
out="$repo/src/bench/results/analyze.md"
# suspects-bench.sh owns the "Leak suspects" section: keep it
suspects_section=$(sed -n '/^## Leak suspects/,$p' "$out" 2>/dev/null || true)
{
  echo "# analyze benchmark"
  echo
  echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average after the rounds: $load"
  echo "(the machine is shared with other work: compare the ratios of this one run, not absolute times;"
  echo "each tool's fastest of $rounds interleaved rounds, with the peak RSS of that round)."
  echo
  echo "Workload: shortest strong paths + retained sizes for the first $limit \`$type\` of a ${size_mb} MB"
  echo "dump ($n entries in a static HashMap, written by \`jcmd GC.heap_dump\`); command: \`src/bench/analyze-bench.sh $n $big\`."
  echo "Ours: \`java -Xmx${OURS_XMX:-256m} $jvm_opts io.leakwatch.cli.AnalyzeCommand DUMP --type '$type' --limit $limit\`"
  echo "(end to end: JVM start, both indexing passes, paths, signatures, dominators over the target-only subgraph, text report)."
  echo "Peak RSS includes the memory-mapped dump pages each tool touched. C1 only (TieredStopAtLevel=1): for a run of"
  echo "about a second on 2 cores, C2's compile threads cost more CPU than its code saves; the peers keep their defaults."
  echo
  echo "| tool | wall | peak RSS | speed vs ours | memory vs ours |"
  echo "|---|---|---|---|---|"
  echo "| leakwatch analyze | $ow s | $((orss / 1024)) MB | 1x | 1x |"
  echo "| Shark 2.14 | $sw s | $((srss / 1024)) MB | ours $(ratio "$sw" "$ow") faster | ours uses $(ratio "$srss" "$orss") less |"
  echo "| Eclipse MAT (core) | $mw s | $((mrss / 1024)) MB | ours $(ratio "$mw" "$ow") faster | ours uses $(ratio "$mrss" "$orss") less |"
  if [ -n "$bigline" ]; then
    echo
    echo "| big dump | wall | peak RSS | |"
    echo "|---|---|---|---|"
    echo "$bigline"
  fi
  if [ -n "$suspects_section" ]; then
    echo
    echo "$suspects_section"
  fi
} >"$out"
cat "$out"
