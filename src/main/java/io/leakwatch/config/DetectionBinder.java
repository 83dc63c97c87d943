package io.leakwatch.config;

import io.leakwatch.config.RawConfig.RawDetection;
import io.leakwatch.trend.DetectorSettings;

/**
 * Checks a {@code detection} section (global, or a target's override) and lays it over the
 * settings it refines. The detector's own rules (minSpan at least three sawtoothPeriods, ...) are
 * reported at the key they name.
 */
final class DetectionBinder {

    private final Problems problems;

    DetectionBinder(Problems problems) {
        this.problems = problems;
    }

    /** {@code base} with the keys written in {@code raw}; null when something is wrong (reported). */
    DetectorSettings bind(String key, RawDetection raw, DetectorSettings base) {
        if (raw == null) {
            return base;
        }
        int before = problems.count();
        DetectorSettings.Builder b = base.toBuilder();
        String k = key + ".";
        set(problems.duration(k + "warmUp", raw.warmUp(), null), b::warmUp);
        set(integer(k + "minSamples", raw.minSamples()), b::minSamples);
        set(problems.duration(k + "minSpan", raw.minSpan(), null), b::minSpan);
        set(integer(k + "maxSamples", raw.maxSamples()), b::maxSamples);
        set(problems.duration(k + "maxAge", raw.maxAge(), null), b::maxAge);
        set(problems.decimal(k + "maxPValue", raw.maxPValue(), null), b::maxPValue);
        set(problems.bytes(k + "minHeapBytesPerHour", raw.minHeapBytesPerHour(), null), b::minHeapBytesPerHour);
        set(problems.bytes(k + "minTypeBytesPerHour", raw.minTypeBytesPerHour(), null), b::minTypeBytesPerHour);
        set(problems.decimal(k + "minRelativeGrowth", raw.minRelativeGrowth(), null), b::minRelativeGrowth);
        set(problems.duration(k + "sawtoothPeriod", raw.sawtoothPeriod(), null), b::sawtoothPeriod);
        set(problems.decimal(k + "minEnvelopeSlopeRatio", raw.minEnvelopeSlopeRatio(), null), b::minEnvelopeSlopeRatio);
        set(integer(k + "compactionCycle", raw.compactionCycle()), b::compactionCycle);
        set(problems.decimal(k + "minRecentSlopeRatio", raw.minRecentSlopeRatio(), null), b::minRecentSlopeRatio);
        set(problems.decimal(k + "decelerationZ", raw.decelerationZ(), null), b::decelerationZ);
        set(problems.decimal(k + "shapeFitRatio", raw.shapeFitRatio(), null), b::shapeFitRatio);
        set(integer(k + "confirmAfter", raw.confirmAfter()), b::confirmAfter);
        set(integer(k + "clearAfter", raw.clearAfter()), b::clearAfter);
        set(integer(k + "topTypes", raw.topTypes()), b::topTypes);
        set(problems.bytes(k + "typeFloorBytes", raw.typeFloorBytes(), null), b::typeFloorBytes);
        set(integer(k + "maxTrackedTypes", raw.maxTrackedTypes()), b::maxTrackedTypes);
        if (problems.count() > before) {
            return null;
        }
        String layered = key.equals("detection") ? "" : " (after applying the global detection section)";
        try {
            return b.build();
        } catch (DetectorSettings.InvalidSetting e) {
            problems.report(k + e.key(), e.value() + " " + e.reason() + layered);
            return null;
        } catch (IllegalArgumentException e) {
            problems.report(key, e.getMessage() + layered);
            return null;
        }
    }

    private Integer integer(String key, String text) {
        return text == null ? null : problems.integer(key, text, 0, Integer.MAX_VALUE).orElse(null);
    }

    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
