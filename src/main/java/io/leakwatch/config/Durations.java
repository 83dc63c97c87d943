package io.leakwatch.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the config file's durations: a positive whole number and a unit, {@code 500ms 60s 5m 1h 1d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or empty when the text is not in the form or is zero. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** What to tell the user about a bad duration. */
    public static String hint(String text) {
        return "'" + text + "' is not a positive duration; write a whole number and a unit"
                + " (ms, s, m, h or d), e.g. 500ms, 60s, 5m, 1h";
    }
}
