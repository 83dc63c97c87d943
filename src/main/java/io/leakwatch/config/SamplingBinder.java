package io.leakwatch.config;

import io.leakwatch.config.RawConfig.RawSampling;
import io.leakwatch.sample.PausePolicy;
import java.time.Duration;

/**
 * Checks a {@code sampling} section (global, or a target's override) and lays it over the policy
 * it refines: {@code pauseBudget} (a fraction, {@code 0.001}, or a percentage, {@code 0.1%}),
 * {@code maxPause}, {@code escalationPause}.
 */
final class SamplingBinder {

    private final Problems problems;

    SamplingBinder(Problems problems) {
        this.problems = problems;
    }

    /** {@code base} with the keys written in {@code raw}; null when something is wrong (reported). */
    PausePolicy bind(String key, RawSampling raw, PausePolicy base) {
        if (raw == null) {
            return base;
        }
        int before = problems.count();
        Double budget = budget(key + ".pauseBudget", raw.pauseBudget(), base.budget());
        Duration maxPause = problems.duration(key + ".maxPause", raw.maxPause(), base.maxPause());
        Duration escalation = problems.duration(key + ".escalationPause", raw.escalationPause(), base.escalationPause());
        if (maxPause != null && (maxPause.isZero() || maxPause.isNegative())) {
            problems.report(key + ".maxPause", "'" + raw.maxPause() + "' is not a positive duration; write e.g. 2s");
        }
        if (problems.count() > before || budget == null || maxPause == null || escalation == null) {
            return null;
        }
        return new PausePolicy(budget, maxPause, escalation, base.window());
    }

    private Double budget(String key, String text, double absent) {
        if (text == null) {
            return absent;
        }
        String t = text.trim();
        boolean percent = t.endsWith("%");
        Double value = problems.decimal(key, percent ? t.substring(0, t.length() - 1).trim() : t, null);
        if (value == null) {
            return null;
        }
        double fraction = percent ? value / 100 : value;
        if (!(fraction > 0) || fraction > 1) {
            problems.report(key, "'" + text + "' is not a share of wall time; write a fraction above 0 and at most 1"
                    + " (0.001) or a percentage (0.1%); 100% takes a histogram every round");
            return null;
        }
        return fraction;
    }
}
