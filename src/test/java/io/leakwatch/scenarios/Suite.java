package io.leakwatch.scenarios;

import java.time.Duration;
import java.util.List;

/**
 * The scenarios of the detection benchmark and its two profiles. Every scenario runs under the same
 * detector settings ({@link BenchDetection}); only its own program's parameters differ.
 *
 * @param name        short or full
 * @param scenarios   what runs
 * @param runFor      how long each batch of scenarios is watched
 * @param parallel    scenarios watched at once (one daemon, one target each)
 */
public record Suite(String name, List<Scenario> scenarios, Duration runFor, int parallel) {

    /** Every scenario, 3 at a time, 2 minutes each; the late leak starts after 45 s. */
    public static Suite full() {
        return new Suite("full", all(45), Duration.ofSeconds(120), 3);
    }

    /** Every scenario, 6 at a time, 50 s each; the late leak starts after 15 s. For CI. */
    public static Suite shortProfile() {
        return new Suite("short", all(15), Duration.ofSeconds(50), 6);
    }

    public static Suite named(String name) {
        return switch (name) {
            case "full" -> full();
            case "short" -> shortProfile();
            default -> throw new IllegalArgumentException("unknown benchmark profile '" + name + "'; use short or full");
        };
    }

    static List<Scenario> all(int lateOnsetSecs) {
        return List.of(
                Scenario.leak("static-collection", StaticCollectionLeak.class, StaticCollectionLeak.class, "ORDERS", 0,
                        "static list of orders, 100/s x 0.6 KiB", "100"),
                Scenario.clean("cache-warmup", BoundedCacheWarmup.class,
                        "LRU cache of 4000 x 1 KiB warming under 800 random lookups/s", "4000", "800"),
                Scenario.leak("listener", ListenerLeak.class, ListenerLeak.EventBus.class, "listeners", 0,
                        "listener registered per request, never removed, 80/s x 1 KiB", "80"),
                Scenario.clean("batch-sawtooth", BatchSawtooth.class,
                        "batch of 1 MiB/s collected for 3 s, then dropped", "3000", "1024"),
                Scenario.leak("thread-local", ThreadLocalLeak.class, Thread.class, "threadLocals", 0,
                        "thread-local trace list on 4 pooled workers, 60 tasks/s x 1 KiB", "60"),
                Scenario.clean("startup-growth", StartupGrowth.class,
                        "24 MiB reference data loaded over the first 4 s, then flat", "24", "4"),
                Scenario.leak("class-loader", ClassLoaderLeak.class, ClassLoaderLeak.class, "LOADERS", 0,
                        "plugin class loader (with an 8 KiB static table) kept per reload, 5/s", "5"),
                Scenario.clean("soft-cache", SoftReferenceCache.class,
                        "soft-valued cache of 5000 x 4 KiB, emptied by memory pressure every 8 s", "5000", "8")
                        .withJvmOptions("-Xmx96m", "-XX:+UseSerialGC"),
                Scenario.leak("noisy-slow", NoisyHeapSlowLeak.class, NoisyHeapSlowLeak.class, "AUDIT", 0,
                        "audit records 400/s x 130 B in a 48 MiB heap with a 0-8 MiB in-flight set", "48", "400"),
                Scenario.clean("changing-rate", ChangingRateWorkload.class,
                        "in-flight requests (2 s x 2 KiB) at 100/300/150/400/50 per s, 10 s each", "10"),
                Scenario.leak("byte-buffers", ByteBufferLeak.class, ByteBufferLeak.class, "PENDING", 0,
                        "16 KiB byte[] buffers queued forever, 5/s, among byte[] garbage", "5"),
                Scenario.leak("late-start", LateStartLeak.class, LateStartLeak.class, "SESSIONS", lateOnsetSecs,
                        "sessions kept in a static map from " + lateOnsetSecs + " s on, 60/s x 1 KiB",
                        Integer.toString(lateOnsetSecs), "60"));
    }
}
