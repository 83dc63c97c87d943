/**
 * Micrometer meters for what sampling finds, one {@code MeterBinder} per concern (every
 * {@code *Metrics} class), each bound by the composition root with {@code bindTo} to the registry
 * it hands in (never the global one); meters that come with events (a new target, outcome or
 * type) are made on that registry, and an event before {@code bindTo} fails loudly. Fed as a
 * {@link io.leakwatch.sample.SampleListener}:
 * {@link io.leakwatch.export.TargetHealthMetrics} (up, outcomes, misfires, attach failures,
 * duration), {@link io.leakwatch.export.HeapMetrics} (live heap, pause), {@link
 * io.leakwatch.export.TypeMetrics} (per-type instances and bytes, capped by {@link
 * io.leakwatch.export.TypeFilter}) and {@link io.leakwatch.export.MarkerMetrics}.
 *
 * <p>Gauges read plain holders the binders keep, so a gauge callback never throws. Per-label
 * gauges are one Micrometer {@code MultiGauge} per target and name ({@code TargetGauges}): after
 * each round a target's per-JVM series are exactly the JVMs sampled in that round: series of JVMs
 * that went away, or of types that fell out of the top N, are removed from the registry. Meter names
 * are chosen so the Prometheus registry yields the agreed names ({@code leakwatch.live.heap} with
 * base unit bytes becomes {@code leakwatch_live_heap_bytes}). A target a config reload removes has
 * all its series removed ({@code forget}); {@link io.leakwatch.export.ConfigReloadMetrics} counts
 * the reloads.
 */
package io.leakwatch.export;
