package io.leakwatch.demo;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.model.Bytes;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints each sample to the terminal: the live heap after GC and the types that grew most since
 * the first sample of the same JVM.
 */
public final class DemoConsole implements SampleListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final int top;
    private final Map<Long, Sample> first = new ConcurrentHashMap<>();
    private final AtomicInteger samples = new AtomicInteger();

    public DemoConsole(PrintWriter out, int top) {
        this.out = out;
        this.top = top;
    }

    /** Samples printed so far. */
    public int samples() {
        return samples.get();
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        StringBuilder text = new StringBuilder();
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                describe(s.sample(), text);
            } else if (o instanceof SampleOutcome.Failed f) {
                text.append(String.format(Locale.ROOT, "sample failed (%s): %s%n", f.kind().label(), f.message()));
            }
        }
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    public void onMisfire(String target, int skippedFires) {
        synchronized (out) {
            out.printf(Locale.ROOT, "skipped %d sample(s): the previous one was still running%n", skippedFires);
            out.flush();
        }
    }

    private void describe(Sample s, StringBuilder text) {
        int n = samples.incrementAndGet();
        Sample base = first.computeIfAbsent(s.identity().pid(), pid -> s);
        text.append(String.format(Locale.ROOT, "[%s] sample %d  pid %d  live heap after GC %s",
                TIME.format(s.takenAt()), n, s.identity().pid(), Bytes.format(s.liveHeapBytes())));
        if (base != s) {
            text.append(" (").append(sign(s.liveHeapBytes() - base.liveHeapBytes()))
                    .append(Bytes.format(Math.abs(s.liveHeapBytes() - base.liveHeapBytes()))).append(" since first)");
        }
        text.append(String.format(Locale.ROOT, "  pause %d ms%n", s.pause().toMillis()));
        if (base == s) {
            text.append("    first sample: later ones show the types that grew since\n");
            return;
        }
        List<HistogramGrowth> grew = HistogramGrowth.between(base.histogram(), s.histogram(), top);
        text.append(grew.isEmpty() ? "    no type grew since the first sample\n" : "    grew most since first sample:\n");
        for (HistogramGrowth g : grew) {
            text.append(String.format(Locale.ROOT, "      %+,10d instances  %10s  %s%n",
                    g.instances(), "+" + Bytes.format(g.bytes()), TypeNames.javaName(g.className())));
        }
    }

    private static String sign(long delta) {
        return delta < 0 ? "-" : "+";
    }
}
