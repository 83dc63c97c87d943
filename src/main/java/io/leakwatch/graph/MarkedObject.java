package io.leakwatch.graph;

/**
 * An object held by a live {@code io.leakwatch.markers.MarkRef}: the application declared it dead.
 *
 * @param markRef   object number of the MarkRef
 * @param referent  object number of the marked object
 * @param labelId   id of the label String (0 when null)
 */
public record MarkedObject(int markRef, int referent, long labelId, long markedAtMillis) {
}
