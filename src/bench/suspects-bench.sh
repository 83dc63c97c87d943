#!/usr/bin/env bash
# Benchmark of `leakwatch analyze DUMP` with no --type (leak suspects: dominator tree of the whole heap,
# accumulation points, chains, retained types) against Eclipse MAT's Leak Suspects (its full parse with
# dominator tree, then the leakhunter query: src/bench/mat/run.sh) on the same dump, in one run.
#
# Dump: /work/shared/peers/make-dump.sh N (N HashMap entries in a static field; N=1000000 gives ~247 MB).
# Each tool runs in interleaved rounds (ours, MAT, ours, ...) and keeps its fastest round with that round's
# peak RSS (/usr/bin/time), so a burst of load from other work on the machine does not decide a ratio.
# Writes the "Leak suspects" section of src/bench/results/analyze.md (the rest of that file is
# analyze-bench.sh's).
#
# Usage: src/bench/suspects-bench.sh [N=1000000]
# Env:   OURS_XMX (default 288m), ROUNDS (default 3), BENCH_WORK (default /tmp/leakwatch-bench),
#        OURS_JVM_OPTS (default "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m": analyze-bench.sh's, with
#        a small young generation, as the analysis child JVM has: the index and the dominator tree are a
#        few big arrays that live to the end, which then go straight to the old generation instead of
#        being copied there by young collections).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
peers=${PEERS:-/work/shared/peers}
work=${BENCH_WORK:-/tmp/leakwatch-bench}
n=${1:-1000000}
xmx=${OURS_XMX:-288m}
mkdir -p "$work"
export PEERS_WORK="$work/peers"
file="$work/d$n.hprof"
[ -s "$file" ] || bash "$peers/make-dump.sh" "$n" "$file" >&2
(cd "$repo" && mvn -q -o -B -ntp -DskipTests package)
cp="$repo/target/classes:$repo/target/lib/*"
jvm_opts=${OURS_JVM_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m"}

ours() {
  /usr/bin/time -f '%e %M' -o "$work/ours-suspects.time" java -Xmx"$xmx" $jvm_opts -cp "$cp" \
    io.leakwatch.cli.AnalyzeCommand "$file" --quiet >"$work/ours-suspects.out"
  cat "$work/ours-suspects.time"
}

mat() {
  rm -f "$(dirname "$file")"/*.index "$(dirname "$file")"/*.threads 2>/dev/null || true
  bash "$repo/src/bench/mat/run.sh" "$file" >"$work/mat-suspects.out" 2>&1 || { echo "0 0"; return; }
  grep -o "mat wall [0-9.]* s, peak RSS [0-9]* KB" "$work/mat-suspects.out" | awk '{print $3, $7}'
}

better() { awk -v bw="$1" -v br="$2" -v w="$3" -v r="$4" 'BEGIN { if (bw == 0 || (w > 0 && w < bw)) print w, r; else print bw, br }'; }
ow=0; orss=0; mw=0; mrss=0
loads=""
for round in $(seq "${ROUNDS:-3}"); do
  read -r w r < <(ours); echo "round $round leakwatch suspects: $w s, $r KB" >&2
  read -r ow orss < <(better "$ow" "$orss" "$w" "$r")
  read -r w r < <(mat); echo "round $round MAT leak suspects: $w s, $r KB" >&2
  read -r mw mrss < <(better "$mw" "$mrss" "$w" "$r")
  loads="$loads $(cut -d' ' -f1 /proc/loadavg)"
done
rm -f "$(dirname "$file")"/*.index "$(dirname "$file")"/*.threads 2>/dev/null || true
suspect=$(grep -m1 -- '-- suspect 1:' "$work/ours-suspects.out" || true)
matline=$(grep -m1 'MAT leakhunter' "$work/mat-suspects.out" || true)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'; }
size_mb=$(( $(stat -c %s "$file") / 1000000 ))
out="$repo/src/bench/results/analyze.md"
touch "$out"
# keep analyze-bench.sh's part, replace this section
sed -i '/^## Leak suspects/,$d' "$out"
{
  echo "## Leak suspects (no --type) vs Eclipse MAT's Leak Suspects"
  echo
  echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores shared with other work (1-minute load average"
  echo "after each round:$loads); each tool's fastest of ${ROUNDS:-3} interleaved rounds, with that round's peak RSS."
  echo "Command: \`src/bench/suspects-bench.sh $n\` on the ${size_mb} MB dump of \`make-dump.sh $n\`."
  echo
  echo "Ours: \`java -Xmx$xmx $jvm_opts io.leakwatch.cli.AnalyzeCommand DUMP\` (end to end: JVM start, both indexing"
  echo "passes, dominator tree of the whole heap, suspects with chains and retained types, text report)."
  echo "MAT: \`src/bench/mat/run.sh DUMP\` (-Xmx8g): a fresh full parse (passes, unreachable removal, dominator tree,"
  echo "retained sizes) then \`leakhunter\`, the query MAT's Leak Suspects report runs (FindLeaksQuery + descriptions)."
  echo "Peak RSS includes the dump pages each tool kept resident."
  echo
  echo "| tool | wall | peak RSS | speed vs ours | memory vs ours |"
  echo "|---|---|---|---|---|"
  echo "| leakwatch analyze (suspects) | $ow s | $((orss / 1024)) MB | 1x | 1x |"
  echo "| Eclipse MAT Leak Suspects | $mw s | $((mrss / 1024)) MB | ours $(ratio "$mw" "$ow") faster | ours $(share "$orss" "$mrss") of MAT's |"
  echo
  echo "Goals: at least 10x faster than MAT, at most 1/3 (33 %) of its peak RSS."
  echo "Ours found: \`${suspect}\`; MAT: \`${matline}\`."
} >>"$out"
sed -n '/^## Leak suspects/,$p' "$out"
