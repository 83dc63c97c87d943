package io.leakwatch.config;

import io.leakwatch.alert.AlertPolicy;
import io.leakwatch.alert.AlertSinkSettings;
import java.util.Objects;

/**
 * The {@code alerts} section.
 *
 * @param sinks  where alerts go (an absent URL turns that sink off)
 * @param policy when the same leak alerts again
 */
public record AlertSettings(AlertSinkSettings sinks, AlertPolicy policy) {
    public AlertSettings {
        Objects.requireNonNull(sinks, "sinks");
        Objects.requireNonNull(policy, "policy");
    }

    /** The log only, {@link AlertPolicy#defaults()}. */
    public static AlertSettings defaults() {
        return new AlertSettings(AlertSinkSettings.logOnly(), AlertPolicy.defaults());
    }
}
