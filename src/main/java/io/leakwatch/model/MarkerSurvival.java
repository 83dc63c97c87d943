package io.leakwatch.model;

import java.util.Objects;

/**
 * For one marker label: how many objects the application declared dead are still reachable after
 * a full GC, and how long the oldest of them has been marked.
 *
 * @param label           the label the application gave when marking
 * @param alive           marked objects still alive
 * @param oldestAgeMillis age of the oldest surviving mark, 0 when none survive
 */
public record MarkerSurvival(String label, long alive, long oldestAgeMillis) {
    public MarkerSurvival {
        Objects.requireNonNull(label, "label");
        if (alive < 0 || oldestAgeMillis < 0) {
            throw new IllegalArgumentException("negative marker figures for " + label);
        }
    }
}
