package io.leakwatch.analysis;

import io.leakwatch.graph.HeapIndex;
import java.util.Set;

/** The value a chain shows for a String or a boxed primitive, redacted unless the caller allows it. */
final class HeapValues {

    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double");

    private HeapValues() {
    }

    /** The value of object {@code k}, {@link ChainHop#REDACTED}, or null when it is neither a String nor a box. */
    static String of(HeapIndex index, int k, boolean showValues) {
        String type = index.describeType(k);
        boolean isString = type.equals("java.lang.String");
        if (!isString && !BOXES.contains(type)) {
            return null;
        }
        if (!showValues) {
            return ChainHop.REDACTED;
        }
        return isString ? index.stringValue(k) : index.primitiveField(k, "value");
    }
}
