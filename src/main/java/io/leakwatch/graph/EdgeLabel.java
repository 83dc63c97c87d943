package io.leakwatch.graph;

/**
 * How one object refers to the next: an instance field, a static field or an array slot.
 *
 * @param holderType the type that declares the field (or the array type)
 * @param name       the field name; for array slots {@code [index]}
 * @param index      the array index, -1 for fields
 */
public record EdgeLabel(Kind kind, String holderType, String name, int index) {

    /** The kind of reference. */
    public enum Kind { FIELD, STATIC, ARRAY_SLOT, UNKNOWN }

    public EdgeLabel {
        if (kind == null || holderType == null || name == null) {
            throw new IllegalArgumentException("kind, holderType and name are required");
        }
    }
}
