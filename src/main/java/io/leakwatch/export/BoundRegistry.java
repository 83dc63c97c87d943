package io.leakwatch.export;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The registry an event-driven binder was bound to: its meters come with the events (a new target,
 * a new outcome), after {@code bindTo}. An event before that is a wiring mistake of the
 * composition root and fails loudly rather than going uncounted.
 */
final class BoundRegistry {

    private final String binder;
    private volatile MeterRegistry registry;

    BoundRegistry(String binder) {
        this.binder = binder;
    }

    void bind(MeterRegistry to) {
        registry = Objects.requireNonNull(to, "registry");
    }

    MeterRegistry get() {
        MeterRegistry bound = registry;
        if (bound == null) {
            throw new IllegalStateException(binder + " is not bound to a registry: call bindTo(registry) first");
        }
        return bound;
    }
}
