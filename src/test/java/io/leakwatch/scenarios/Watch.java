package io.leakwatch.scenarios;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hears every round after the pipeline judged it and keeps, per target, when each sample was taken,
 * the pause it caused, and each series that became confirmed ({@code leakwatch_leak_state} 2) with
 * the sample that confirmed it.
 */
final class Watch implements SampleListener {

    /** One series newly confirmed: which, on which sample (1-based) and when that sample was taken. */
    record Confirmation(String series, int sample, Instant takenAt) {
    }

    /** What one target's samples showed. */
    static final class Track {
        final List<Instant> takenAt = new ArrayList<>();
        final List<Duration> pauses = new ArrayList<>();
        final List<Confirmation> confirmations = new ArrayList<>();
        final Set<String> confirmed = new HashSet<>();
        /** Per sample, the bytes of every type of at least {@link #KEPT_BYTES}, and "heap" for the histogram's total. */
        final List<Map<String, Long>> bytes = new ArrayList<>();
        int failures;

        /** The bytes of one series (a type, or "heap") in samples {@code [0, upTo)}; 0 where it was small. */
        long[] series(String name, int upTo) {
            long[] out = new long[Math.min(upTo, bytes.size())];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i).getOrDefault(name, 0L);
            }
            return out;
        }
    }

    /** Types smaller than this are not kept for the false-alert diagnostics. */
    static final long KEPT_BYTES = 64 << 10;

    private final AtomicReference<MeterRegistry> registry = new AtomicReference<>();
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    void bind(MeterRegistry value) {
        registry.set(value);
    }

    Track track(String target) {
        return tracks.computeIfAbsent(target, t -> new Track());
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        Track track = track(target);
        synchronized (track) {
            for (SampleOutcome o : outcomes) {
                if (o instanceof SampleOutcome.Sampled s) {
                    Sample sample = s.sample();
                    track.takenAt.add(sample.takenAt());
                    track.pauses.add(sample.pause());
                    track.bytes.add(bytesOf(sample));
                    judged(target, track, sample.takenAt());
                } else {
                    track.failures++;
                }
            }
        }
    }

    private static Map<String, Long> bytesOf(Sample sample) {
        Map<String, Long> out = new HashMap<>();
        for (HistogramEntry e : sample.histogram().entries()) {
            if (e.bytes() >= KEPT_BYTES) {
                // named as the leak-state gauge's type label names them (byte[]), so a confirmation finds its series
                out.merge(TypeNames.javaName(e.className()), e.bytes(), Long::sum);
            }
        }
        out.put("heap", sample.histogram().totalBytes());
        return out;
    }

    private void judged(String target, Track track, Instant takenAt) {
        MeterRegistry r = registry.get();
        if (r == null) {
            return;
        }
        Set<String> now = new HashSet<>();
        for (Gauge g : r.find("leakwatch.leak.state").tag("target", target).gauges()) {
            if (g.value() >= 2) {
                now.add(g.getId().getTag("type"));
            }
        }
        for (String series : now) {
            if (!track.confirmed.contains(series)) {
                track.confirmations.add(new Confirmation(series, track.takenAt.size(), takenAt));
            }
        }
        track.confirmed.clear();
        track.confirmed.addAll(now);
    }
}
