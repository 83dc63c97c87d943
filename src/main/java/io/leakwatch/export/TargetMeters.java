package io.leakwatch.export;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Removal of the meters of one name that belong to one target. */
final class TargetMeters {

    private TargetMeters() {
    }

    /** Removes the meters named {@code name} tagged {@code target=target}; a later use registers them anew. */
    static void remove(MeterRegistry registry, String name, String target) {
        for (Meter m : registry.find(name).tag("target", target).meters()) {
            registry.remove(m);
        }
    }
}
