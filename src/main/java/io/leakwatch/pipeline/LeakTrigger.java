package io.leakwatch.pipeline;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.Bytes;
import java.util.Locale;
import java.util.Objects;

/**
 * One series that became a confirmed leak: the whole heap, one type, or one marker label.
 *
 * @param key       stable per target: {@code heap}, {@code type:<class>} or {@code marker:<label>}
 * @param kind      {@code heap_growth}, {@code type_growth} or {@code marker}
 * @param subject   the type or label (or {@code heap})
 * @param summary   one line saying what grows or survives
 * @param magnitude bytes per hour of growth, or surviving marked objects
 */
public record LeakTrigger(String key, String kind, String subject, String summary, long magnitude) {
    public LeakTrigger {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
    }

    /** The whole live heap grows. */
    public static LeakTrigger heap(double bytesPerHour, double relativeGrowth, int samples) {
        return new LeakTrigger("heap", "heap_growth", "heap", String.format(Locale.ROOT,
                "live heap grows %s/h (+%.0f%% over %d samples)", Bytes.format((long) bytesPerHour),
                relativeGrowth * 100, samples), (long) Math.max(0, bytesPerHour));
    }

    /** One type grows; {@code type} as the class histogram names it, said in its Java source form. */
    public static LeakTrigger type(String type, double bytesPerHour, double relativeGrowth, int samples) {
        String name = TypeNames.javaName(type);
        return new LeakTrigger("type:" + type, "type_growth", name, String.format(Locale.ROOT,
                "%s grows %s/h (+%.0f%% over %d samples)", name, Bytes.format((long) bytesPerHour),
                relativeGrowth * 100, samples), (long) Math.max(0, bytesPerHour));
    }

    /** Objects marked under {@code label} survive their grace period. */
    public static LeakTrigger marker(String label, long alive, long oldestAgeMillis) {
        return new LeakTrigger("marker:" + label, "marker", label, String.format(Locale.ROOT,
                "%,d object(s) marked \"%s\" still alive, the oldest marked %,d s ago", alive, label,
                oldestAgeMillis / 1000), alive);
    }
}
