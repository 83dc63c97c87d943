/**
 * Sampling: the port the attach adapter implements ({@link io.leakwatch.sample.TargetSamplerFactory},
 * {@link io.leakwatch.sample.TargetSampler}, outcomes and failure kinds) and the pure pieces of a
 * sample: {@link io.leakwatch.sample.HistogramParser} for the text of {@code GC.class_histogram}
 * (JDK 8 to 25), {@link io.leakwatch.sample.SafepointTimeParser} for the safepoint counter in a
 * HotSpot perf-data buffer. The pure pieces do no I/O and read no clock.
 */
package io.leakwatch.sample;
