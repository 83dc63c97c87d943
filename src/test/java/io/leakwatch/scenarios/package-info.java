/**
 * The detection quality benchmark: how soon the daemon finds a real leak, how often it cries wolf,
 * and whether the chain it alerts with names the field that holds the leak.
 *
 * <h2>Scenarios</h2>
 * Small real programs, each run in its own JVM ({@link io.leakwatch.testing.ChildJvm}); every
 * {@link io.leakwatch.scenarios.Scenario} declares whether it leaks, the culprit field its top chain
 * must name, and its parameters. {@link io.leakwatch.scenarios.Suite} lists them: seven leaks (a
 * static collection, listeners never removed, a thread-local on pooled workers, class loaders kept
 * by a registry, a slow leak in a large noisy heap, byte[] buffers, a leak that starts late) and
 * five programs that fool naive detectors (a cache warming up to its bound, a batch sawtooth,
 * growth at start-up only, a soft-reference cache emptied by memory pressure, a workload whose rate
 * and so its live set changes).
 *
 * <h2>Harness</h2>
 * {@link io.leakwatch.scenarios.DetectionBench} runs them in batches, each watched by one daemon
 * wired as {@code run} wires it (attach sampler, growth detection, history, capture on the HPROF
 * engine, alerts to a webhook it serves). {@link io.leakwatch.scenarios.Watch} reads, after every
 * round, which series the pipeline confirmed; the delay counts from the leak's onset. Every scenario
 * runs under the same time-scaled detector profile ({@link io.leakwatch.scenarios.BenchDetection}),
 * never tuned per scenario. {@code DetectionQualityIT} asserts the totals on the short profile in
 * CI ({@code mvn verify}); {@code src/bench/detection-bench.sh [short|full]} writes
 * {@code src/bench/results/detection-short.md} or {@code detection.md}, and each scenario's
 * recorded series as CSV under {@code target/detection-series/}. A false alert is listed in the
 * table with the series that was confirmed and its values.
 * {@link io.leakwatch.scenarios.SeriesReplay} runs recorded series through the detector offline
 * (per series, or as the tracker sees a whole target with {@code -Dtracker=true}), to study a
 * change of the detector on real series before running the benchmark again.
 */
package io.leakwatch.scenarios;
