/**
 * The leak pipeline: what happens to a sample after the exporters, so that a leak is found,
 * captured and explained without a human.
 *
 * <p>{@link io.leakwatch.pipeline.DetectionListener} (on the sampling threads, quick work only)
 * feeds each sample to the growth tracker and the history store, refreshes the growth metrics and
 * judges marker survivors; what a sample newly confirms (heap growth, type growth, marker
 * survivors past their grace) or clears goes to {@link io.leakwatch.pipeline.LeakResponder}. That
 * one, on its own bounded worker thread, captures a heap dump through the
 * {@link io.leakwatch.pipeline.DumperSource} port and the capture service (guards, dump, analysis
 * by the HPROF engine, reports), then reports the target's current leaks to the alert service:
 * one alert per leak signature with its chain, or per growing series when no dump could be taken.
 * A cleared series resolves its alerts.
 *
 * <p>A package of its own because it joins services that must not know each other (trend,
 * history, capture, alert); the composition root ({@code io.leakwatch.cli}) builds it from the
 * config and the adapters.
 */
package io.leakwatch.pipeline;
