package io.leakwatch.hprof;

import java.util.List;

/**
 * HPROF_GC_CLASS_DUMP: a class's super class, loader, instance size, static fields with their
 * values, and the declared (not inherited) instance fields in the order instance data lists them.
 */
public record ClassDumpRecord(long classId, long superClassId, long classLoaderId, int instanceSize,
                              List<StaticField> staticFields, List<FieldDecl> instanceFields) {
    public ClassDumpRecord {
        staticFields = List.copyOf(staticFields);
        instanceFields = List.copyOf(instanceFields);
    }

    /** A static field; {@code value} holds the raw bits (an object id for {@code type == 2}). */
    public record StaticField(long nameId, int type, long value) {
    }

    /** A declared instance field. */
    public record FieldDecl(long nameId, int type) {
    }
}
