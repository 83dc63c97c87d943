package io.leakwatch.analysis.alloc;

/** Class names as Java source writes them, whatever form the JVM reported. */
final class TypeNames {

    private TypeNames() {
    }

    /**
     * {@code [B} → {@code byte[]}, {@code [Ljava.lang.String;} → {@code java.lang.String[]},
     * {@code java/lang/String} → {@code java.lang.String}; Java names are returned unchanged.
     */
    static String javaName(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return name.replace('/', '.');
        }
        String element = name.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.')
                    : element.replace('/', '.');
        };
        return base + "[]".repeat(dims);
    }
}
