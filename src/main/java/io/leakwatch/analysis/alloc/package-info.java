/**
 * Allocation sites of leaking objects, from samples of old objects with their allocation stacks
 * (JFR's {@code jdk.OldObjectSample}; the adapters read them, this package only attributes them).
 *
 * <p>{@link io.leakwatch.analysis.alloc.AllocationSiteFinder} takes the sampled objects and the
 * types an alert is about, and answers, per type, the top allocation stacks with their sample
 * counts and the age of the oldest sample. A stack is collapsed to application code: the JDK frames
 * at its top (the {@code ArrayList.grow} inside {@code add}) are trimmed, so the first frame shown
 * is the application method that asked for the object, followed by a few of its callers. Which
 * frames count as the application is configurable ({@link io.leakwatch.analysis.alloc.FrameFilter}).
 *
 * <p>Samples are a statistic, not a census: the JVM keeps a bounded set of sampled objects that are
 * still alive, chosen in proportion to the bytes allocated, and only objects allocated while a
 * recording ran can be among them. Counts say where most of the surviving bytes came from.
 */
package io.leakwatch.analysis.alloc;
