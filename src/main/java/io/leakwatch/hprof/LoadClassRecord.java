package io.leakwatch.hprof;

/** HPROF_LOAD_CLASS: a class serial number bound to a class object and its name string. */
public record LoadClassRecord(int classSerial, long classId, int stackTraceSerial, long nameId) {
}
