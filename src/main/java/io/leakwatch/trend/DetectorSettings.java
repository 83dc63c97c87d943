package io.leakwatch.trend;

import java.time.Duration;
import java.util.Objects;

/**
 * How the growth detector judges a target's series; one instance per target, in four parts, each
 * validated on its own: the {@link Window}, the {@link Floors}, the {@link Significance} tests and
 * the {@link Confirmation} hysteresis. A broken rule is an {@link InvalidSetting} naming the
 * setting, its value and the rule. The flat accessors ({@link #minSamples()}, ...) and the flat
 * {@link Builder} read and write the parts, so the detector and the config keys stay flat.
 *
 * @param window       the window a series is judged over
 * @param floors       how large growth must be, and which types are tracked
 * @param significance when a trend counts
 * @param confirmation suspect, confirmed and cleared
 */
public record DetectorSettings(Window window, Floors floors, Significance significance, Confirmation confirmation) {

    public DetectorSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(floors, "floors");
        Objects.requireNonNull(significance, "significance");
        Objects.requireNonNull(confirmation, "confirmation");
    }

    /**
     * The window of samples a series is judged over, and what it ignores.
     *
     * @param warmUp          samples taken within this time of the target's start are ignored
     * @param minSamples      fewest points (after warm-up) before a series is evaluated
     * @param minSpan         shortest time the window must cover before a series is evaluated;
     *                        at least three {@code sawtoothPeriod}s so the lower envelope exists
     * @param maxSamples      most points kept per series (the window's length in samples)
     * @param maxAge          oldest point kept, relative to the newest (the window's length in time)
     * @param sawtoothPeriod  longest fill-and-release period to ignore; the lower envelope takes
     *                        one minimum per block of this length
     * @param compactionCycle samples within which the target's collector compacts fully at least
     *                        once (HotSpot's Serial collector: every 4th full GC, and every
     *                        sample forces one): the minimum over this many consecutive samples
     *                        is free of the dead space a partial compaction leaves and the class
     *                        histogram counts as int[]; that minimum must not be flat since its
     *                        last level shift. 1 (the default) switches it off: a
     *                        {@code sawtoothPeriod} of 4 sample intervals or more already covers it
     */
    public record Window(
            Duration warmUp,
            int minSamples,
            Duration minSpan,
            int maxSamples,
            Duration maxAge,
            Duration sawtoothPeriod,
            int compactionCycle) {
        public Window {
            nonNegative("warmUp", warmUp);
            positive("minSpan", minSpan);
            positive("maxAge", maxAge);
            positive("sawtoothPeriod", sawtoothPeriod);
            require(minSamples >= 4, "minSamples", minSamples, "at least 4");
            require(maxSamples >= minSamples, "maxSamples", maxSamples, "at least minSamples (" + minSamples + ")");
            require(maxSamples <= 1000, "maxSamples", maxSamples, "at most 1000 (the tests are quadratic)");
            require(maxAge.compareTo(minSpan) >= 0, "maxAge", maxAge, "at least minSpan (" + minSpan + ")");
            require(minSpan.compareTo(sawtoothPeriod.multipliedBy(3)) >= 0, "minSpan", minSpan,
                    "at least three sawtoothPeriods (" + sawtoothPeriod.multipliedBy(3) + ")");
            require(compactionCycle >= 1 && compactionCycle <= maxSamples, "compactionCycle", compactionCycle,
                    "in [1, maxSamples (" + maxSamples + ")]");
        }
    }

    /**
     * How large growth must be to count, and which types are tracked at all.
     *
     * @param minHeapBytesPerHour slowest whole-heap growth that can count as a leak
     * @param minTypeBytesPerHour slowest per-type growth that can count as a leak
     * @param minRelativeGrowth   smallest growth over the window relative to its level (0.05 = 5 %)
     * @param topTypes            the largest types by bytes that are always tracked
     * @param typeFloorBytes      types at least this large are tracked even outside the top
     * @param maxTrackedTypes     hard bound on tracked types per target, to bound memory
     */
    public record Floors(
            long minHeapBytesPerHour,
            long minTypeBytesPerHour,
            double minRelativeGrowth,
            int topTypes,
            long typeFloorBytes,
            int maxTrackedTypes) {
        public Floors {
            require(minHeapBytesPerHour >= 0, "minHeapBytesPerHour", minHeapBytesPerHour, "not negative");
            require(minTypeBytesPerHour >= 0, "minTypeBytesPerHour", minTypeBytesPerHour, "not negative");
            require(minRelativeGrowth >= 0, "minRelativeGrowth", minRelativeGrowth, "not negative");
            require(topTypes >= 0, "topTypes", topTypes, "not negative");
            require(typeFloorBytes > 0, "typeFloorBytes", typeFloorBytes, "positive");
            require(maxTrackedTypes >= topTypes, "maxTrackedTypes", maxTrackedTypes, "at least topTypes (" + topTypes + ")");
        }
    }

    /**
     * When a trend counts as real growth rather than noise, a fill to a bound, a step or a plateau.
     *
     * @param maxPValue             Mann-Kendall p-value at or below which a trend counts as significant
     * @param minEnvelopeSlopeRatio the envelope's slope must reach this share of the series' slope
     * @param minRecentSlopeRatio   the newest third's slope must reach this share of the window's slope
     * @param decelerationZ         how many standard errors the recent half's slope may fall short
     *                              of the older half's before the series counts as filling to a bound
     * @param shapeFitRatio         a single level shift, or a rise that stops, whose squared error is
     *                              below this share of the best line's marks the window as a step or
     *                              a plateau; 0 switches the shape tests off
     */
    public record Significance(
            double maxPValue,
            double minEnvelopeSlopeRatio,
            double minRecentSlopeRatio,
            double decelerationZ,
            double shapeFitRatio) {
        public Significance {
            require(maxPValue > 0 && maxPValue < 0.5, "maxPValue", maxPValue, "in (0, 0.5)");
            require(minEnvelopeSlopeRatio >= 0 && minEnvelopeSlopeRatio <= 1, "minEnvelopeSlopeRatio", minEnvelopeSlopeRatio,
                    "in [0, 1]");
            require(minRecentSlopeRatio >= 0 && minRecentSlopeRatio <= 1, "minRecentSlopeRatio", minRecentSlopeRatio,
                    "in [0, 1]");
            require(decelerationZ > 0, "decelerationZ", decelerationZ, "positive");
            require(shapeFitRatio >= 0 && shapeFitRatio <= 1, "shapeFitRatio", shapeFitRatio, "in [0, 1]");
        }
    }

    /**
     * The hysteresis between suspect, confirmed and cleared.
     *
     * @param confirmAfter consecutive positive evaluations to go from suspect to confirmed
     * @param clearAfter   consecutive negative evaluations to clear a confirmed series
     */
    public record Confirmation(int confirmAfter, int clearAfter) {
        public Confirmation {
            require(confirmAfter >= 1, "confirmAfter", confirmAfter, "at least 1");
            require(clearAfter >= 1, "clearAfter", clearAfter, "at least 1");
        }
    }

    /**
     * Defaults for samples every few minutes: a leak needs two hours of evidence after a 15-minute
     * warm-up; batch cycles up to 30 minutes are ignored; at least 1 MiB/h and 5 % over the window.
     */
    public static DetectorSettings defaults() {
        return new DetectorSettings(
                new Window(Duration.ofMinutes(15), 12, Duration.ofHours(2), 120, Duration.ofHours(6), Duration.ofMinutes(30), 1),
                new Floors(1L << 20, 256L << 10, 0.05, 30, 1L << 20, 60),
                new Significance(0.01, 0.5, 0.3, 1.5, 0.75),
                new Confirmation(5, 6));
    }

    public Duration warmUp() {
        return window.warmUp();
    }

    public int minSamples() {
        return window.minSamples();
    }

    /**
     * Points a type's window needs over {@code minSpan} while the heap's trend already says it
     * grows (attribution, see {@code TargetTrack}): half of {@link #minSamples()}, at least 6, the
     * fewest with which a Mann-Kendall test can reach p 0.01. Derived, not configured.
     */
    public int attributionSamples() {
        return Math.min(minSamples(), Math.max(6, minSamples() / 2));
    }

    public Duration minSpan() {
        return window.minSpan();
    }

    public int maxSamples() {
        return window.maxSamples();
    }

    public Duration maxAge() {
        return window.maxAge();
    }

    public double maxPValue() {
        return significance.maxPValue();
    }

    public long minHeapBytesPerHour() {
        return floors.minHeapBytesPerHour();
    }

    public long minTypeBytesPerHour() {
        return floors.minTypeBytesPerHour();
    }

    public double minRelativeGrowth() {
        return floors.minRelativeGrowth();
    }

    public Duration sawtoothPeriod() {
        return window.sawtoothPeriod();
    }

    public double minEnvelopeSlopeRatio() {
        return significance.minEnvelopeSlopeRatio();
    }

    public int compactionCycle() {
        return window.compactionCycle();
    }

    public double minRecentSlopeRatio() {
        return significance.minRecentSlopeRatio();
    }

    public double decelerationZ() {
        return significance.decelerationZ();
    }

    public double shapeFitRatio() {
        return significance.shapeFitRatio();
    }

    public int confirmAfter() {
        return confirmation.confirmAfter();
    }

    public int clearAfter() {
        return confirmation.clearAfter();
    }

    public int topTypes() {
        return floors.topTypes();
    }

    public long typeFloorBytes() {
        return floors.typeFloorBytes();
    }

    public int maxTrackedTypes() {
        return floors.maxTrackedTypes();
    }

    /** The minimum absolute growth for the whole heap ({@code heap = true}) or one type. */
    public long minBytesPerHour(boolean heap) {
        return heap ? minHeapBytesPerHour() : minTypeBytesPerHour();
    }

    /** A builder starting from these settings, for configuration and tests that change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a copy; {@link #build()} validates the result. */
    public static final class Builder {
        private Duration warmUp;
        private int minSamples;
        private Duration minSpan;
        private int maxSamples;
        private Duration maxAge;
        private double maxPValue;
        private long minHeapBytesPerHour;
        private long minTypeBytesPerHour;
        private double minRelativeGrowth;
        private Duration sawtoothPeriod;
        private double minEnvelopeSlopeRatio;
        private int compactionCycle;
        private double minRecentSlopeRatio;
        private double decelerationZ;
        private double shapeFitRatio;
        private int confirmAfter;
        private int clearAfter;
        private int topTypes;
        private long typeFloorBytes;
        private int maxTrackedTypes;

        private Builder(DetectorSettings from) {
            warmUp = from.warmUp();
            minSamples = from.minSamples();
            minSpan = from.minSpan();
            maxSamples = from.maxSamples();
            maxAge = from.maxAge();
            maxPValue = from.maxPValue();
            minHeapBytesPerHour = from.minHeapBytesPerHour();
            minTypeBytesPerHour = from.minTypeBytesPerHour();
            minRelativeGrowth = from.minRelativeGrowth();
            sawtoothPeriod = from.sawtoothPeriod();
            minEnvelopeSlopeRatio = from.minEnvelopeSlopeRatio();
            compactionCycle = from.compactionCycle();
            minRecentSlopeRatio = from.minRecentSlopeRatio();
            decelerationZ = from.decelerationZ();
            shapeFitRatio = from.shapeFitRatio();
            confirmAfter = from.confirmAfter();
            clearAfter = from.clearAfter();
            topTypes = from.topTypes();
            typeFloorBytes = from.typeFloorBytes();
            maxTrackedTypes = from.maxTrackedTypes();
        }

        public Builder warmUp(Duration value) {
            warmUp = value;
            return this;
        }

        public Builder minSamples(int value) {
            minSamples = value;
            return this;
        }

        public Builder minSpan(Duration value) {
            minSpan = value;
            return this;
        }

        public Builder maxSamples(int value) {
            maxSamples = value;
            return this;
        }

        public Builder maxAge(Duration value) {
            maxAge = value;
            return this;
        }

        public Builder maxPValue(double value) {
            maxPValue = value;
            return this;
        }

        public Builder minHeapBytesPerHour(long value) {
            minHeapBytesPerHour = value;
            return this;
        }

        public Builder minTypeBytesPerHour(long value) {
            minTypeBytesPerHour = value;
            return this;
        }

        public Builder minRelativeGrowth(double value) {
            minRelativeGrowth = value;
            return this;
        }

        public Builder sawtoothPeriod(Duration value) {
            sawtoothPeriod = value;
            return this;
        }

        public Builder minEnvelopeSlopeRatio(double value) {
            minEnvelopeSlopeRatio = value;
            return this;
        }

        public Builder compactionCycle(int value) {
            compactionCycle = value;
            return this;
        }

        public Builder minRecentSlopeRatio(double value) {
            minRecentSlopeRatio = value;
            return this;
        }

        public Builder decelerationZ(double value) {
            decelerationZ = value;
            return this;
        }

        public Builder shapeFitRatio(double value) {
            shapeFitRatio = value;
            return this;
        }

        public Builder confirmAfter(int value) {
            confirmAfter = value;
            return this;
        }

        public Builder clearAfter(int value) {
            clearAfter = value;
            return this;
        }

        public Builder topTypes(int value) {
            topTypes = value;
            return this;
        }

        public Builder typeFloorBytes(long value) {
            typeFloorBytes = value;
            return this;
        }

        public Builder maxTrackedTypes(int value) {
            maxTrackedTypes = value;
            return this;
        }

        public DetectorSettings build() {
            return new DetectorSettings(new Window(warmUp, minSamples, minSpan, maxSamples, maxAge, sawtoothPeriod, compactionCycle),
                    new Floors(minHeapBytesPerHour, minTypeBytesPerHour, minRelativeGrowth, topTypes, typeFloorBytes, maxTrackedTypes),
                    new Significance(maxPValue, minEnvelopeSlopeRatio, minRecentSlopeRatio, decelerationZ, shapeFitRatio),
                    new Confirmation(confirmAfter, clearAfter));
        }
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        require(!d.isNegative(), name, d, "not negative");
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        require(!d.isNegative() && !d.isZero(), name, d, "positive");
    }

    private static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new InvalidSetting(name, String.valueOf(value), "must be " + rule);
        }
    }

    /**
     * A setting that breaks a rule, as a value the config binder reports at the setting's key
     * (its message reads {@code detector setting <key> = <value> <reason>}).
     */
    public static final class InvalidSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String value;
        private final String reason;

        InvalidSetting(String key, String value, String reason) {
            super("detector setting " + key + " = " + value + " " + reason);
            this.key = key;
            this.value = value;
            this.reason = reason;
        }

        /** The setting's name, as in the {@code detection} section. */
        public String key() {
            return key;
        }

        /** The value it had. */
        public String value() {
            return value;
        }

        /** The rule it breaks, e.g. {@code must be at least 4}. */
        public String reason() {
            return reason;
        }
    }
}
