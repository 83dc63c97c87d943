package io.leakwatch.schedule;

import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one INFO line per sample. A failing target logs WARN once (no stack trace: the failure is
 * expected), then DEBUG until it recovers, which is logged at INFO.
 */
public final class SampleLogListener implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.leakwatch.samples");

    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        boolean anyFailed = false;
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                LOG.info(line(s.sample()));
            } else if (o instanceof SampleOutcome.Failed f) {
                anyFailed = true;
                if (failing.putIfAbsent(target, Boolean.TRUE) == null) {
                    LOG.warn("target={} sample failed ({}): {}; retrying each round, further failures at DEBUG",
                            target, f.kind().label(), f.message());
                } else {
                    LOG.debug("target={} sample failed again ({}): {}", target, f.kind().label(), f.message());
                }
            }
        }
        if (!anyFailed && failing.remove(target) != null) {
            LOG.info("target={} recovered", target);
        }
    }

    @Override
    public void onMisfire(String target, int skippedFires) {
        LOG.debug("target={} skipped {} scheduled sample(s): the previous one still ran", target, skippedFires);
    }

    static String line(Sample s) {
        List<HistogramEntry> entries = s.histogram().entries();
        String top = entries.isEmpty() ? "-" : entries.get(0).className() + " " + Bytes.format(entries.get(0).bytes());
        return String.format(Locale.ROOT, "target=%s pid=%d liveHeap=%s types=%d top=%s markers=%d pause=%dms took=%dms",
                s.target(), s.identity().pid(), Bytes.format(s.liveHeapBytes()), entries.size(), top,
                s.markers().stream().mapToLong(m -> m.alive()).sum(), s.pause().toMillis(), s.duration().toMillis());
    }
}
