package io.leakwatch.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the config file's sizes: a whole number and a unit, {@code 512MiB 8GiB 100MB 4096B}. */
final class ByteSizes {

    private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB|TiB|kB|KB|MB|GB|TB)?");

    private ByteSizes() {
    }

    /** The size in bytes, or empty when the text is not in the form or overflows. */
    static Optional<Long> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            case "TIB" -> 1L << 40;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            default -> 1L;
        };
        try {
            return Optional.of(Math.multiplyExact(n, factor));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    static String hint(String text) {
        return "'" + text + "' is not a size; write a whole number and a unit (B, KiB, MiB, GiB, TiB, or kB, MB,"
                + " GB, TB), e.g. 512MiB or 8GiB";
    }
}
