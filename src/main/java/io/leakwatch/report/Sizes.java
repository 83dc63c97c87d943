package io.leakwatch.report;

import io.leakwatch.model.Bytes;
import java.util.Locale;

/** Byte counts for people. */
final class Sizes {

    private Sizes() {
    }

    static String bytes(long b) {
        if (b < 0) {
            return "n/a";
        }
        return Bytes.format(b);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
