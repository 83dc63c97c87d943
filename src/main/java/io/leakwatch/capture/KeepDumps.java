package io.leakwatch.capture;

import java.util.Locale;

/** What happens to a heap dump once it has been analyzed. */
public enum KeepDumps {
    /** Delete the dump; only the reports and the capture record stay. */
    DELETE,
    /** Keep the dump as written. */
    KEEP,
    /** Keep the dump gzip-compressed ({@code heap.hprof.gz}). */
    GZIP;

    /**
     * Parses the config value of {@code keepDumps}: {@code false|delete}, {@code true|keep} or {@code gzip}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static KeepDumps parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "false", "delete", "no" -> DELETE;
            case "true", "keep", "yes" -> KEEP;
            case "gzip" -> GZIP;
            default -> throw new IllegalArgumentException(
                    "keepDumps: '" + value + "' is not one of false, true, gzip");
        };
    }
}
