package io.leakwatch.model;

import java.util.Objects;

/**
 * One series LeakWatch judges on a target: the whole live heap, the bytes of one type, or the
 * surviving objects marked under one label. Confirmed leaks, capture findings and alerted notices
 * are filed under it.
 *
 * <p>Its text form ({@code heap}, {@code type:<class>}, {@code marker:<label>}) is for what leaves
 * the process only (the alert state file, the analysis JVM's result, alert signatures of leaks
 * without a dump): {@link #text()} writes it and {@link #parse(String)} reads it back, so no other
 * code builds or takes apart these strings.
 */
public sealed interface SeriesKey {

    /** The whole live heap. */
    SeriesKey HEAP = new Heap();

    /** What the series is of: the class name, the marker label, or {@code heap}. */
    String subject();

    /** The text form, as files and the analysis JVM's result hold it. */
    String text();

    /** The key of a text form {@link #text()} wrote; an unknown form is an {@link IllegalArgumentException}. */
    static SeriesKey parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals(Heap.TEXT)) {
            return HEAP;
        }
        if (text.startsWith(Type.PREFIX)) {
            return new Type(text.substring(Type.PREFIX.length()));
        }
        if (text.startsWith(Marker.PREFIX)) {
            return new Marker(text.substring(Marker.PREFIX.length()));
        }
        throw new IllegalArgumentException("not a series key: '" + text + "' (expected heap, type:<class> or marker:<label>)");
    }

    /** The whole live heap. */
    record Heap() implements SeriesKey {
        private static final String TEXT = "heap";

        @Override
        public String subject() {
            return TEXT;
        }

        @Override
        public String text() {
            return TEXT;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The bytes of one type.
     *
     * @param className the class as the class histogram names it ({@code [B}, {@code com.example.Session})
     */
    record Type(String className) implements SeriesKey {
        private static final String PREFIX = "type:";

        public Type {
            Objects.requireNonNull(className, "className");
            if (className.isEmpty()) {
                throw new IllegalArgumentException("a type series names its class");
            }
        }

        @Override
        public String subject() {
            return className;
        }

        @Override
        public String text() {
            return PREFIX + className;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The surviving objects marked under one label.
     *
     * @param label the marker label
     */
    record Marker(String label) implements SeriesKey {
        private static final String PREFIX = "marker:";

        public Marker {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String subject() {
            return label;
        }

        @Override
        public String text() {
            return PREFIX + label;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
