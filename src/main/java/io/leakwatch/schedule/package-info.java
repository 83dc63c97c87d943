/**
 * Runs sampling on a schedule with Quartz: one job per target, each with its own trigger
 * (a simple trigger for {@code interval}, a cron trigger for {@code cron}).
 *
 * <p>A target's job never overlaps itself ({@code @DisallowConcurrentExecution}); a fire that
 * comes while the previous round still runs is a misfire, skipped and counted, never queued
 * (misfire threshold one second, "next with remaining count" / "do nothing"). The thread pool
 * ({@link io.leakwatch.schedule.ElasticThreadPool}) makes a thread per running round, so a hung
 * target (bounded anyway by the sampler's timeouts) cannot delay the others, and targets added by
 * a config reload get threads too. Targets are added, re-scheduled, given a new sampler or removed
 * while the scheduler runs; a sampler taken out of use is closed once its round in flight ends,
 * and late rounds of a removed target are dropped. Each round is handed to a {@link
 * io.leakwatch.sample.SampleListener}; {@link io.leakwatch.schedule.SampleFanout} shares it among
 * several consumers and keeps one faulty consumer from starving the rest.
 */
package io.leakwatch.schedule;
