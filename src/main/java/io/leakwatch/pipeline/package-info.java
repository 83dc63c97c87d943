/**
 * The leak pipeline: what happens to a sample after the exporters, so that a leak is found,
 * captured and explained without a human.
 *
 * <p>{@link io.leakwatch.pipeline.DetectionListener} (on the sampling threads, quick work only)
 * feeds each sample to the growth tracker and the history store, refreshes the growth metrics and
 * judges marker survivors; what a sample newly confirms (heap growth, type growth, marker
 * survivors past their grace) or clears goes to {@link io.leakwatch.pipeline.LeakResponder}. That
 * one, on its own bounded worker thread, captures a heap dump through the
 * {@link io.leakwatch.capture.DumperSource} port and the capture service (guards, dump, analysis
 * by the HPROF engine, reports), then reports the target's current leaks to the alert service:
 * one alert per leak with its chain, or per growing series when no dump could be taken. A cleared
 * series resolves its alerts.
 *
 * <p>Incidents, not types ({@link io.leakwatch.pipeline.Incidents}): a dump's findings are keyed
 * by their accumulation point ({@link io.leakwatch.analysis.AccumulationPoint}), so the types one
 * holder keeps growing are one alert, the others listed under it as "also growing". A series
 * confirmed later that the last capture found under an alerted point joins that alert (heap
 * growth joins the largest); one it did not find, confirmed while the capture is rate-limited on
 * a target where a capture found a leak, waits for the next capture (scheduled when the rate
 * limit allows) instead of alerting alone without a chain. {@link io.leakwatch.pipeline.LeakGrowth}
 * scales each alerted notice by how much its series grew since (bytes in the latest sample), so
 * the alert service re-alerts a leak that keeps growing once it grew by {@code growthFactor}.
 *
 * <p>Restarts, a crash (SIGKILL) included: the tracker is re-seeded from the history
 * ({@link io.leakwatch.pipeline.DetectionReload}, which also rebuilds a target whose detection
 * settings a config reload changed), so growth confirmed before is known without a new capture or
 * alert. The responder saves the leaks it
 * alerted ({@code <data dir>/alerts/leaks.json}) and the deduplicator what it sent when
 * ({@code alerts/dedup.json}); on the first sample of a target after the start, leaks confirmed
 * before it that are not among the saved ones (the daemon died while capturing them) are captured
 * and alerted now, and the rest are left alone. A capture cut off by the crash leaves no record,
 * so the capture service deletes its directory at start-up and does not count it against the rate
 * limit. History, outbox and state writes that fail (disk full, read-only) are counted
 * ({@code leakwatch_history_write_failures_total}, {@code leakwatch_alert_write_failures_total})
 * while detection and alerting go on in memory.
 *
 * <p>Allocation sites: {@link io.leakwatch.pipeline.AllocationSampling} starts a JFR recording of
 * old-object samples on a target as soon as its growth is suspect (the detection listener tells it
 * on every sample), and the responder collects it right before the capture; the sites of the
 * growing types go into the alerts and the capture's reports. At most one recording per target,
 * each ending by itself after {@code allocations.duration}; the first sample after the first
 * recording in a process tells the tracker that its heap holds Flight Recorder's one-time footprint
 * (the watcher's own step: the heap's trend is levelled, not judged); a target that cannot record is counted
 * ({@code leakwatch_allocation_recordings_total}) and alerts without sites.
 *
 * <p>A package of its own because it joins services that must not know each other (trend,
 * history, capture, alert); the composition root ({@code io.leakwatch.cli}) builds it from the
 * config and the adapters.
 */
package io.leakwatch.pipeline;
