#!/usr/bin/env bash
# Eclipse MAT's Leak Suspects on a dump, without UI or OSGi: a fresh full parse, then the leakhunter query
# (what MAT's "Leak Suspects" report runs). Copy of /work/shared/peers/mat/run.sh for MatSuspectsBench.java;
# the MAT jar stays in /work/shared/peers/mat (MAT_JAR). -Dbytes_display: MAT reads its byte format from the
# Eclipse preferences service (OSGi) unless this property names it.
# Prints the phases, wall time and peak RSS.
# Usage: src/bench/mat/run.sh DUMP
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); w=${PEERS_WORK:-/tmp/peers}/mat-suspects
jar=${MAT_JAR:-/work/shared/peers/mat/mat-noosgi.jar}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}; javac25=$(dirname "$java25")/javac
dump=$(realpath "$1")
if [ ! -f "$w/cp.txt" ]; then
  mkdir -p "$w/bench" && cp "$here/pom.xml" "$w/"
  (cd "$w" && mvn -q dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=deps.txt)
  mkdir -p "$w/shim"
  # Icons without OSGi first on the class path (see shim/.../Icons.java)
  "$javac25" --release 21 -nowarn -d "$w/shim" -cp "$jar" "$here/shim/org/eclipse/mat/snapshot/query/Icons.java"
  cp="$w/shim:$jar:$(cat "$w/deps.txt")"
  "$javac25" --release 21 -nowarn -d "$w/bench" -cp "$cp" "$here/MatSuspectsBench.java"
  echo "$cp:$w/bench" >"$w/cp.txt"
fi
/usr/bin/time -f 'mat wall %e s, peak RSS %M KB' "$java25" -Xmx8g -Dbytes_display=Smart -cp "$(cat "$w/cp.txt")" MatSuspectsBench suspects "$dump"
