package io.leakwatch.markers;

import javax.management.openmbean.CompositeData;

/**
 * For one label, how many marked objects are still reachable and the age of the oldest of them.
 *
 * <p>The MXBean maps it to a {@code CompositeData} with the items {@code label} (String),
 * {@code alive} (long) and {@code oldestAgeMillis} (long), the contract with the LeakWatch daemon.
 */
public final class Survivor {

    private final String label;
    private final long alive;
    private final long oldestAgeMillis;

    public Survivor(String label, long alive, long oldestAgeMillis) {
        if (label == null) {
            throw new NullPointerException("label");
        }
        this.label = label;
        this.alive = alive;
        this.oldestAgeMillis = oldestAgeMillis;
    }

    /** Rebuilds a survivor from its open-type form (lets JMX clients use an MXBean proxy). */
    public static Survivor from(CompositeData data) {
        return new Survivor((String) data.get("label"), (Long) data.get("alive"),
                (Long) data.get("oldestAgeMillis"));
    }

    public String getLabel() {
        return label;
    }

    /** Marked objects of this label still reachable. */
    public long getAlive() {
        return alive;
    }

    /** Age of the oldest reachable marked object, 0 when none is reachable. */
    public long getOldestAgeMillis() {
        return oldestAgeMillis;
    }

    @Override
    public String toString() {
        return label + ": alive=" + alive + " oldestAgeMillis=" + oldestAgeMillis;
    }
}
