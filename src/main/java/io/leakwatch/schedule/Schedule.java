package io.leakwatch.schedule;

import java.time.Duration;
import java.util.Objects;

/** When a target is sampled: at a fixed interval or on a Quartz cron expression. */
public sealed interface Schedule {

    /** Every {@code interval}, the first sample right away. */
    record Every(Duration interval) implements Schedule {
        public Every {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
        }
    }

    /** On a Quartz cron expression (seconds field first), already validated. */
    record Cron(String expression) implements Schedule {
        public Cron {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
