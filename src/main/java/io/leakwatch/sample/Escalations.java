package io.leakwatch.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which targets detection wants histograms for sooner than the pause budget alone would take them,
 * and why. Detection writes it after each round, the samplers read it at the next; thread-safe.
 */
public final class Escalations {

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    /** Asks for histograms of {@code target} sooner; {@code reason} goes into the log. */
    public void escalate(String target, String reason) {
        reasons.put(target, reason);
    }

    /** Back to the regular budget. */
    public void settle(String target) {
        reasons.remove(target);
    }

    /** Why the target is escalated, or null when it is not. */
    public String reason(String target) {
        return reasons.get(target);
    }
}
