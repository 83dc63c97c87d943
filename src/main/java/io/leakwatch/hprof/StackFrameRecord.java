package io.leakwatch.hprof;

/** HPROF_FRAME: one stack frame; {@code line} is a line number or a negative HPROF marker. */
public record StackFrameRecord(long frameId, long methodNameId, long signatureId, long sourceFileId,
                               int classSerial, int line) {
}
