package io.leakwatch.pipeline;

/**
 * Hears what the pipeline did, for counters ({@code leakwatch_captures_total},
 * {@code leakwatch_alerts_total}, {@code leakwatch_history_write_failures_total}). Implementations
 * are cheap and never throw.
 */
public interface PipelineEvents {

    /** Ignores everything. */
    PipelineEvents NONE = new PipelineEvents() {
        @Override
        public void captured(String target, String outcome) {
        }

        @Override
        public void delivered(String sink, String outcome) {
        }
    };

    /** A capture of {@code target} ended: {@code captured} or a capture failure's label. */
    void captured(String target, String outcome);

    /** One delivery attempt of one alert to one sink: {@code delivered}, {@code retry} or {@code dropped}. */
    void delivered(String sink, String outcome);

    /** A sample could not be recorded in {@code target}'s history (disk full, read-only); detection goes on in memory. */
    default void historyWriteFailed(String target) {
    }
}
