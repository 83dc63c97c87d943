package io.leakwatch.hprof;

/**
 * Hears how far a long heap job got. Pure code reports through this instead of logging; the
 * command line draws it on the terminal, the daemon may log it. Must be cheap and never throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores everything. */
    ProgressListener NONE = (phase, done, total) -> { };

    /** {@code done} of {@code total} units (bytes or objects) of {@code phase}; total 0 when unknown. */
    void progress(String phase, long done, long total);

    /**
     * Whether the caller wants the work stopped. Long loops ask every so often and then throw
     * {@link java.util.concurrent.CancellationException}: cancellation is cooperative, never an
     * interrupt of a thread reading a file channel (which would close the channel).
     */
    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link java.util.concurrent.CancellationException} when {@link #isCancelled()}. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new java.util.concurrent.CancellationException("heap analysis cancelled");
        }
    }
}
