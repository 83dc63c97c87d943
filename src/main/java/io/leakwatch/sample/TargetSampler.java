package io.leakwatch.sample;

import java.util.List;

/**
 * Samples the JVMs one configured target selects. Keeps connections between calls and
 * reconnects when they break. Never throws for expected failures: they come back as
 * {@link SampleOutcome.Failed}. Every remote call inside runs under a timeout.
 */
public interface TargetSampler extends AutoCloseable {

    /** The configured target name. */
    String target();

    /**
     * Forces a GC and samples every JVM the selector currently matches: one outcome per JVM, or a
     * single {@link FailureKind#NOT_FOUND} failure when none matches.
     */
    List<SampleOutcome> sampleAll();

    /** Closes all connections; never throws. */
    @Override
    void close();
}
