package io.leakwatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The problems found in one file, each placed at its key's location, and the checks of single
 * values that report into it (a bad value gives null or empty, and a problem).
 */
final class Problems {

    private final String file;
    private final LocationIndex index;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String file, LocationIndex index) {
        this.file = file;
        this.index = index;
    }

    int count() {
        return found.size();
    }

    List<ConfigProblem> all() {
        return List.copyOf(found);
    }

    /** The line the key is on, 0 when it is not in the file. */
    int lineOf(String key) {
        return Math.max(index.locate(key).getLineNr(), 0);
    }

    Pattern regex(String key, String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            report(key, "'" + text + "' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
            return null;
        }
    }

    Duration duration(String key, String text, Duration absent) {
        if (text == null) {
            return absent;
        }
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            report(key, Durations.hint(text));
            return null;
        }
        return d.get();
    }

    Optional<Integer> integer(String key, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        report(key, "'" + text + "' is not a whole number from " + min + " to " + max);
        return Optional.empty();
    }

    /** A size in bytes ({@code 512MiB}), {@code absent} when not written, null when bad (reported). */
    Long bytes(String key, String text, Long absent) {
        if (text == null) {
            return absent;
        }
        Optional<Long> n = ByteSizes.parse(text);
        if (n.isEmpty()) {
            report(key, ByteSizes.hint(text));
            return null;
        }
        return n.get();
    }

    /** A finite decimal number, {@code absent} when not written, null when bad (reported). */
    Double decimal(String key, String text, Double absent) {
        if (text == null) {
            return absent;
        }
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        report(key, "'" + text + "' is not a number; write e.g. 0.05 or 1.5");
        return null;
    }

    /** {@code true} or {@code false}, {@code absent} when not written. */
    boolean flag(String key, String text, boolean absent) {
        if (text == null) {
            return absent;
        }
        String t = text.trim();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        report(key, "'" + text + "' is not true or false");
        return absent;
    }

    Path path(String key, String text) {
        if (text.isBlank()) {
            report(key, "empty path");
            return null;
        }
        return Path.of(text.trim());
    }

    void report(String key, String message) {
        found.add(problem(key, message));
    }

    ConfigProblem problem(String key, String message) {
        JsonLocation at = index.locate(key);
        return new ConfigProblem(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), key, message);
    }
}
