package io.leakwatch.report;

import java.util.Locale;

/** Byte counts for people. */
final class Sizes {

    private Sizes() {
    }

    static String bytes(long b) {
        if (b < 0) {
            return "n/a";
        }
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
