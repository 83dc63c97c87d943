package io.leakwatch.schedule;

import io.leakwatch.model.Bytes;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one INFO line per sample (logger {@code io.leakwatch.samples}). Failures are logged at
 * DEBUG only: the sampler already warns once per failing JVM and logs its recovery.
 */
public final class SampleLogListener implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.leakwatch.samples");

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                LOG.info(line(s.sample()));
            } else if (o instanceof SampleOutcome.Failed f && LOG.isDebugEnabled()) {
                LOG.debug("target={} failed={} took={}ms: {}", target, f.kind().label(), f.took().toMillis(), f.message());
            }
        }
    }

    @Override
    public void onMisfire(String target, int skippedFires) {
        LOG.debug("target={} skipped {} scheduled sample(s): the previous one still ran", target, skippedFires);
    }

    /** The one-line summary of a sample. */
    public static String line(Sample s) {
        List<HistogramEntry> entries = s.histogram().entries();
        String top = entries.isEmpty() ? "-" : entries.get(0).className() + " " + Bytes.format(entries.get(0).bytes());
        return String.format(Locale.ROOT, "target=%s pid=%d liveHeap=%s types=%d top=[%s] markers=%d pause=%dms took=%dms",
                s.target(), s.identity().pid(), Bytes.format(s.liveHeapBytes()), entries.size(), top,
                s.markers().stream().mapToLong(m -> m.alive()).sum(), s.pause().toMillis(), s.duration().toMillis());
    }
}
