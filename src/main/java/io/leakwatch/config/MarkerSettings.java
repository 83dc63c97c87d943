package io.leakwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A target's {@code markers} section.
 *
 * @param methods methods whose end marks {@code this} through the marker agent, in the agent's form
 *                ({@code com.example.Session#close} or {@code com.example.Session#close=label});
 *                empty: the agent is not loaded (the application may still mark with the library)
 * @param grace   how long a marked object may stay alive before it counts as leaked
 */
public record MarkerSettings(List<String> methods, Duration grace) {
    public MarkerSettings {
        methods = List.copyOf(Objects.requireNonNull(methods, "methods"));
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("marker grace negative: " + grace);
        }
    }

    /** No agent methods, one minute of grace. */
    public static MarkerSettings defaults() {
        return new MarkerSettings(List.of(), Duration.ofMinutes(1));
    }
}
