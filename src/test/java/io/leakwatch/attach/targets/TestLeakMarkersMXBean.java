package io.leakwatch.attach.targets;

import java.beans.ConstructorProperties;

/** MXBean interface for {@link TestLeakMarkers}. */
public interface TestLeakMarkersMXBean {

    /** Maps to {@code CompositeData[]} with items label, alive, oldestAgeMillis. */
    Survivor[] getSurvivors();

    /** One label's survivors. */
    final class Survivor {
        private final String label;
        private final long alive;
        private final long oldestAgeMillis;

        @ConstructorProperties({"label", "alive", "oldestAgeMillis"})
        public Survivor(String label, long alive, long oldestAgeMillis) {
            this.label = label;
            this.alive = alive;
            this.oldestAgeMillis = oldestAgeMillis;
        }

        public String getLabel() {
            return label;
        }

        public long getAlive() {
            return alive;
        }

        public long getOldestAgeMillis() {
            return oldestAgeMillis;
        }
    }
}
