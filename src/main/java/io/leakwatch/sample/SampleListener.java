package io.leakwatch.sample;

import java.util.List;

/**
 * Receives what each scheduled sampling round of one target gave: the exporter, the log, and the
 * growth detection downstream all consume samples through this.
 *
 * <p>Rounds of different targets arrive on different threads at the same time; rounds of one
 * target arrive one after the other, never overlapping. Implementations return quickly and do not
 * throw for expected conditions.
 */
public interface SampleListener {

    /**
     * One round of {@code target}: one outcome per JVM its selector matched, or a single failure.
     * The JVMs sampled in this round are all the target has now; series of others may go.
     */
    void onRound(String target, List<SampleOutcome> outcomes);

    /**
     * Scheduled rounds of {@code target} were skipped because the previous round still ran;
     * {@code skippedFires} is at least 1.
     */
    default void onMisfire(String target, int skippedFires) {
    }
}
