package io.leakwatch.sample;

import java.util.OptionalLong;

/**
 * Reads the JVM's accumulated safepoint time from the text of {@code PerfCounter.print}
 * ({@code sun.rt.safepointTime} in ticks of {@code sun.os.hrt.frequency} per second).
 *
 * <p>Every stop-the-world pause of HotSpot, a full GC and the heap walk of a class histogram
 * included, is a safepoint, so the difference of two readings bounds the pause caused between them.
 */
public final class SafepointTimeParser {

    private static final String TIME = "sun.rt.safepointTime=";
    private static final String FREQUENCY = "sun.os.hrt.frequency=";

    /** Accumulated safepoint nanoseconds, empty when the counters are absent (-XX:-UsePerfData). */
    public OptionalLong safepointNanos(String perfCounterText) {
        long ticks = -1;
        long frequency = -1;
        for (String line : perfCounterText.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(TIME)) {
                ticks = number(trimmed.substring(TIME.length()));
            } else if (trimmed.startsWith(FREQUENCY)) {
                frequency = number(trimmed.substring(FREQUENCY.length()));
            }
        }
        if (ticks < 0 || frequency <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) (ticks * (1e9 / frequency)));
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
