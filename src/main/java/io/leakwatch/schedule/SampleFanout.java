package io.leakwatch.schedule;

import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each round to every consumer in the order added. A consumer that throws is logged and
 * skipped for that round; the others still get it.
 */
public final class SampleFanout implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(SampleFanout.class);

    private final List<SampleListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a consumer; returns this for chaining. */
    public SampleFanout add(SampleListener listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        for (SampleListener l : listeners) {
            try {
                l.onRound(target, outcomes);
            } catch (RuntimeException e) {
                LOG.error("sample consumer {} failed on a round of {}", l.getClass().getName(), target, e);
            }
        }
    }

    @Override
    public void onMisfire(String target, int skippedFires) {
        for (SampleListener l : listeners) {
            try {
                l.onMisfire(target, skippedFires);
            } catch (RuntimeException e) {
                LOG.error("sample consumer {} failed on a misfire of {}", l.getClass().getName(), target, e);
            }
        }
    }
}
