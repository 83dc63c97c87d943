package io.leakwatch.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The daemon's own health, as every JVM service exports it: Micrometer's JVM and process binders
 * ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*},
 * {@code process_cpu_seconds_total}, {@code process_cpu_usage}, {@code process_uptime_seconds},
 * {@code process_files_open_files}, ...) and {@code leakwatch_build_info{version,revision}} (always 1).
 * Micrometer names the process CPU time {@code process_cpu_time_ns_total}; the name every
 * Prometheus client and dashboard uses, {@code process_cpu_seconds_total} (client_java's
 * {@code ProcessMetrics}, the node and JMX exporters), is added beside it in seconds.
 * Closing stops the GC listener {@link JvmGcMetrics} installs.
 */
public final class SelfMetrics implements MeterBinder, AutoCloseable {

    private final BuildInfo build;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** @param build what {@code leakwatch_build_info} labels */
    public SelfMetrics(BuildInfo build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MeterBinder b : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            b.bindTo(registry);
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
                    .description("CPU time the daemon's process used, user and system")
                    .baseUnit("seconds").register(registry);
        }
        Gauge.builder("leakwatch.build.info", () -> 1)
                .description("Version and git revision of the running daemon; always 1")
                .tags("version", build.version(), "revision", build.revision())
                .strongReference(true).register(registry);
    }

    @Override
    public void close() {
        gc.close();
    }

    /**
     * The version and git commit the daemon was built from.
     *
     * @param version  Maven project version
     * @param revision git commit id, {@code unknown} when built outside git
     */
    public record BuildInfo(String version, String revision) {
        public BuildInfo {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(revision, "revision");
        }

        /** Reads {@code io/leakwatch/build.properties}, which Maven filters at build time. */
        public static BuildInfo load() {
            Properties p = new Properties();
            try (InputStream in = SelfMetrics.class.getResourceAsStream("/io/leakwatch/build.properties")) {
                if (in == null) {
                    return new BuildInfo("unknown", "unknown");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read io/leakwatch/build.properties from the classpath", e);
            }
            return new BuildInfo(value(p, "version"), value(p, "revision"));
        }

        private static String value(Properties p, String key) {
            String v = p.getProperty(key, "").trim();
            // an unfiltered placeholder means the build did not set it
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        }
    }
}
