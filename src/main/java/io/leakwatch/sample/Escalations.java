package io.leakwatch.sample;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which targets detection wants histograms for sooner than the pause budget alone would take them,
 * and why. Detection writes it after each round, the samplers read it at the next; thread-safe.
 */
public final class Escalations {

    /**
     * Why a target is escalated.
     *
     * @param reason   for the log, e.g. "heap suspect"
     * @param forcedGc true when the histograms need their forced GC (marker survivors are proven
     *                 only after one); otherwise the walk alone ({@code -all}, about half the pause)
     *                 attributes growth to types, since the live heap comes from the target's GCs
     * @param spacing  the least time between two escalated histograms (zero: every round), so a
     *                 type window spans what it must with the fewest pauses
     */
    public record Escalation(String reason, boolean forcedGc, Duration spacing) {
        public Escalation {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(spacing, "spacing");
            if (spacing.isNegative()) {
                throw new IllegalArgumentException("spacing must not be negative: " + spacing);
            }
        }

        /** Histograms every round. */
        public Escalation(String reason, boolean forcedGc) {
            this(reason, forcedGc, Duration.ZERO);
        }
    }

    private final Map<String, Escalation> escalated = new ConcurrentHashMap<>();

    /** Asks for histograms of {@code target} sooner. */
    public void escalate(String target, Escalation why) {
        escalated.put(target, Objects.requireNonNull(why, "why"));
    }

    /** Back to the regular budget. */
    public void settle(String target) {
        escalated.remove(target);
    }

    /** Why the target is escalated, or null when it is not. */
    public Escalation of(String target) {
        return escalated.get(target);
    }
}
