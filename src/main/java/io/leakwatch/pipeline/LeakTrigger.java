package io.leakwatch.pipeline;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.Bytes;
import io.leakwatch.model.SeriesKey;
import java.util.Locale;
import java.util.Objects;

/**
 * One series that became a confirmed leak: the whole heap, one type, or one marker label.
 *
 * @param key       the series, stable per target
 * @param summary   one line saying what grows or survives
 * @param magnitude bytes per hour of growth, or surviving marked objects
 */
public record LeakTrigger(SeriesKey key, String summary, long magnitude) {
    public LeakTrigger {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
    }

    /** The whole live heap grows. */
    public static LeakTrigger heap(double bytesPerHour, double relativeGrowth, int samples) {
        return new LeakTrigger(SeriesKey.HEAP, String.format(Locale.ROOT,
                "live heap grows %s/h (+%.0f%% over %d samples)", Bytes.format((long) bytesPerHour),
                relativeGrowth * 100, samples), (long) Math.max(0, bytesPerHour));
    }

    /** One type grows; {@code type} as the class histogram names it, said in its Java source form. */
    public static LeakTrigger type(String type, double bytesPerHour, double relativeGrowth, int samples) {
        String name = TypeNames.javaName(type);
        return new LeakTrigger(new SeriesKey.Type(type), String.format(Locale.ROOT,
                "%s grows %s/h (+%.0f%% over %d samples)", name, Bytes.format((long) bytesPerHour),
                relativeGrowth * 100, samples), (long) Math.max(0, bytesPerHour));
    }

    /** Objects marked under {@code label} survive their grace period. */
    public static LeakTrigger marker(String label, long alive, long oldestAgeMillis) {
        return new LeakTrigger(new SeriesKey.Marker(label), String.format(Locale.ROOT,
                "%,d object(s) marked \"%s\" still alive, the oldest marked %,d s ago", alive, label,
                oldestAgeMillis / 1000), alive);
    }

    /** What kind of leak this is: heap growth, type growth or marked survivors. */
    LeakKind kind() {
        return LeakKind.of(key);
    }
}
