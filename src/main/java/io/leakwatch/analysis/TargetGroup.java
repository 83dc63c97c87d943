package io.leakwatch.analysis;

import java.util.List;

/**
 * The objects analyzed for one type or one marker label, and the signatures that hold them.
 *
 * @param name             the type name, or the marker label
 * @param instancesInDump  instances of the type in the whole dump (marked objects for a label)
 * @param analyzed         how many of them were analyzed (capped by the request's limit)
 * @param weaklyHeld       analyzed instances no strong path reaches (weak, soft, phantom,
 *                         finalizer-only or garbage): not reported as leaks
 * @param signatureCount   distinct signatures found; {@code signatures} holds the top ones
 */
public record TargetGroup(String name, Kind kind, long instancesInDump, int analyzed, int weaklyHeld,
                          long shallowBytes, long retainedBytes, int signatureCount,
                          List<LeakSignature> signatures) {

    /** What selected the targets. */
    public enum Kind { TYPE, MARKER }

    public TargetGroup {
        signatures = List.copyOf(signatures);
    }
}
