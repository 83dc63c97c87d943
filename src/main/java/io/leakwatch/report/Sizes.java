package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.model.Bytes;
import java.util.Locale;

/** Byte counts and hops for people. */
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

    /** A change in objects, always with its sign: {@code +1,200}, {@code -3}. */
    static String signedCount(long n) {
        return (n < 0 ? "-" : "+") + count(Math.abs(n));
    }

    /** A change in bytes, always with its sign. */
    static String signedBytes(long n) {
        return (n < 0 ? "-" : "+") + bytes(Math.abs(n));
    }

    /** The reference that reached a hop, {@code Holder.field} or {@code Holder[3]}; empty for the root. */
    static String via(ChainHop h) {
        return h.reference() == null ? "" : h.holderType() + (h.reference().startsWith("[") ? "" : ".") + h.reference();
    }
}
