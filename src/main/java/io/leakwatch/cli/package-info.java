/**
 * The composition root: {@code leakwatch} and its subcommands (picocli), kept thin.
 *
 * <p>{@link io.leakwatch.cli.Main} lists the subcommands in one place ({@code subcommands()});
 * a new one is a {@code @Command} class added there. {@link io.leakwatch.cli.Daemon} wires a
 * checked config into the running parts: exporters on a Prometheus registry, the HTTP endpoint,
 * a sampler per target on the Quartz schedule. Every round goes to the exporters, then to the
 * consumers of {@link io.leakwatch.cli.SampleConsumers}: the log for {@code run}, the console for
 * {@code demo}, then the leak pipeline that {@code LeakPipeline} builds from the config (growth
 * tracker re-seeded from history, capture service on the HPROF engine, alert sinks, marker agent
 * loading; see {@link io.leakwatch.pipeline}).
 *
 * <p>{@code run} reloads its config on SIGHUP ({@code ConfigReloader}): a file with any problem is
 * rejected whole and the running config stays; a good one is diffed against the running config
 * ({@link io.leakwatch.config.ConfigDiff}) and applied target by target to the scheduler, the
 * exporters ({@code Exporters}) and the pipeline's live target settings ({@code PipelineTargets}),
 * whose added and re-tuned targets {@link io.leakwatch.pipeline.DetectionReload} rebuilds from
 * their history, leaving unchanged targets untouched. {@code http}, {@code dataDir}, {@code capture},
 * {@code alerts} and {@code allocations} need a restart.
 *
 * <p>Exit codes: 0 ok, 1 runtime failure, 2 usage or config error.
 */
package io.leakwatch.cli;
