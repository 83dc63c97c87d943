package io.leakwatch.schedule;

import io.leakwatch.model.Bytes;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import java.util.List;
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
            if (o instanceof SampleOutcome.Sampled s && LOG.isInfoEnabled()) {
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
        // One line per sample and target: appended, not String.format (which parses its pattern each time).
        List<HistogramEntry> entries = s.histogram().entries();
        long markers = 0;
        for (MarkerSurvival m : s.markers()) {
            markers += m.alive();
        }
        StringBuilder line = new StringBuilder(160)
                .append("target=").append(s.target())
                .append(" pid=").append(s.identity().pid())
                .append(" liveHeap=").append(Bytes.format(s.liveHeapBytes()))
                .append(" types=").append(entries.size())
                .append(" top=[");
        if (entries.isEmpty()) {
            line.append('-');
        } else {
            line.append(entries.get(0).className()).append(' ').append(Bytes.format(entries.get(0).bytes()));
        }
        return line.append("] markers=").append(markers)
                .append(" pause=").append(s.pause().toMillis()).append("ms")
                .append(" took=").append(s.duration().toMillis()).append("ms")
                .toString();
    }
}
