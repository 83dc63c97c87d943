package io.leakwatch.graph;

import java.util.List;

/**
 * A class as the index needs it, resolved once: its name, every instance field including the
 * inherited ones at their byte offsets within instance data (declared fields first, then the super
 * class's, as HPROF lays them out), the offsets of the strong reference fields, and the statics.
 *
 * @param referenceOffsets offsets of reference fields the graph follows: all but
 *                         {@code java.lang.ref.Reference.referent}, which does not keep its target alive
 */
public record ClassLayout(long classId, String name, long superClassId, long loaderId, int dataSize,
                          List<Field> fields, int[] referenceOffsets, List<Field> staticFields,
                          long[] staticValues, boolean isReference) {

    public ClassLayout {
        fields = List.copyOf(fields);
        staticFields = List.copyOf(staticFields);
    }

    /** A field: its name, HPROF basic type and (instance fields) byte offset within instance data. */
    public record Field(String name, int type, int offset, String declaringClass) {
    }

    /** The first instance field called {@code fieldName} (the most derived declaration), or null. */
    public Field field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }
}
