package io.leakwatch.cli;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.Bytes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** A sample as a table for people: the header, the largest types, the surviving markers. */
final class SampleTable {

    private SampleTable() {
    }

    static void print(Sample s, int top, PrintWriter out) {
        out.printf(Locale.ROOT, "pid %d  %s  (JVM %s)%n", s.identity().pid(),
                s.identity().mainClass().isEmpty() ? "?" : s.identity().mainClass(), s.identity().vmVersion());
        out.printf(Locale.ROOT, "taken %s  live heap after GC %s  pause %d ms  took %d ms%n",
                s.takenAt(), Bytes.format(s.liveHeapBytes()), s.pause().toMillis(), s.duration().toMillis());
        out.printf(Locale.ROOT, "%d types, %,d instances, %s shallow%n%n", s.histogram().entries().size(),
                s.histogram().totalInstances(), Bytes.format(s.histogram().totalBytes()));
        out.printf(Locale.ROOT, "%4s %14s %12s  %s%n", "#", "instances", "bytes", "type");
        List<HistogramEntry> entries = s.histogram().entries();
        for (int i = 0; i < Math.min(top, entries.size()); i++) {
            HistogramEntry e = entries.get(i);
            out.printf(Locale.ROOT, "%4d %,14d %12s  %s%n", i + 1, e.instances(), Bytes.format(e.bytes()), TypeNames.javaName(e.className()));
        }
        if (entries.size() > top) {
            out.printf(Locale.ROOT, "     ... %d more types (--top N shows more)%n", entries.size() - top);
        }
        if (!s.markers().isEmpty()) {
            out.printf(Locale.ROOT, "%nmarkers: %-30s %10s %12s%n", "label", "alive", "oldest");
            for (MarkerSurvival m : s.markers()) {
                out.printf(Locale.ROOT, "         %-30s %,10d %10d s%n", m.label(), m.alive(), m.oldestAgeMillis() / 1000);
            }
        }
    }
}
