/**
 * The JFR file adapter: reads the {@code jdk.OldObjectSample} events of a recording into the
 * {@link io.leakwatch.analysis.alloc.SampledObject}s that {@link io.leakwatch.analysis.alloc}
 * attributes. Used for the recordings the daemon streams back from its targets and for a file
 * given to {@code leakwatch analyze --jfr}.
 */
package io.leakwatch.jfr;
