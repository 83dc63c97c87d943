package io.leakwatch.history;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Target names as file names: letters, digits, '-', '_' and '.' (not leading) stay; every other
 * byte of the UTF-8 form becomes {@code %XX}. Reversible, so the targets can be listed back.
 */
final class TargetFileName {

    private TargetFileName() {
    }

    static String encode(String target) {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("target name is empty");
        }
        StringBuilder out = new StringBuilder();
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The target of an encoded name, empty when the name is not one this class produced. */
    static Optional<String> decode(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(name.charAt(i + 1), 16);
                int lo = Character.digit(name.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        String target = bytes.toString(StandardCharsets.UTF_8);
        return target.isEmpty() || !encode(target).equals(name) ? Optional.empty() : Optional.of(target);
    }
}
