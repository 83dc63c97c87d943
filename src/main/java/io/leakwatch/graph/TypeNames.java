package io.leakwatch.graph;

/** Class names as the JVM writes them turned into the Java form reports and requests use. */
public final class TypeNames {

    private TypeNames() {
    }

    /**
     * {@code java/lang/String} and {@code java.lang.String} become {@code java.lang.String};
     * array descriptors ({@code [B}, {@code [Ljava.lang.Object;}, {@code [[I}) become
     * {@code byte[]}, {@code java.lang.Object[]}, {@code int[][]}. Null becomes {@code ?}.
     */
    public static String javaName(String raw) {
        if (raw == null) {
            return "?";
        }
        String s = raw.replace('/', '.');
        int dims = 0;
        while (dims < s.length() && s.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return s;
        }
        String elem = s.substring(dims);
        String base = switch (elem) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> elem.startsWith("L") && elem.endsWith(";") ? elem.substring(1, elem.length() - 1) : elem;
        };
        return base + "[]".repeat(dims);
    }
}
