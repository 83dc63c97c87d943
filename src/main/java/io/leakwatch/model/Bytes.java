package io.leakwatch.model;

import java.util.Locale;

/** Byte counts as people read them (binary units). */
public final class Bytes {

    private Bytes() {
    }

    /** {@code 512 B}, {@code 3.2 KiB}, {@code 41.0 MiB}, {@code 1.5 GiB}; signs kept. */
    public static String format(long bytes) {
        long abs = Math.abs(bytes);
        String sign = bytes < 0 ? "-" : "";
        if (abs < 1024) {
            return sign + abs + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = abs;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return sign + String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
