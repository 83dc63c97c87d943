package io.leakwatch.sample;

/** The text a JVM returned for {@code GC.class_histogram} holds no histogram we can read. */
public final class HistogramFormatException extends Exception {

    public HistogramFormatException(String message) {
        super(message);
    }
}
