package io.leakwatch.trend;

import io.leakwatch.model.MarkerSurvival;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Confirms marker leaks: a label leaks when an object marked under it is still alive after a full
 * GC and its mark is older than the grace period (the application may legitimately hold an object
 * for a while after declaring it done, e.g. until a request finishes).
 */
public final class MarkerLeakDetector {

    private final Duration grace;

    /** @param grace how long a marked object may survive before it counts as leaked; not negative */
    public MarkerLeakDetector(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("marker grace period negative: " + grace);
        }
        this.grace = grace;
    }

    /** Labels confirmed leaking in one sample's marker survivals, sorted and distinct. */
    public List<String> confirmedLeaks(List<MarkerSurvival> survivals) {
        long graceMillis = grace.toMillis();
        TreeSet<String> leaking = new TreeSet<>();
        for (MarkerSurvival survival : survivals) {
            if (survival.alive() > 0 && survival.oldestAgeMillis() > graceMillis) {
                leaking.add(survival.label());
            }
        }
        return List.copyOf(leaking);
    }
}
