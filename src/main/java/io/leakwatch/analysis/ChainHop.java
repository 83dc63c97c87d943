package io.leakwatch.analysis;

/**
 * One object on a retention chain and the reference that led to it.
 *
 * @param holderType  type declaring the reference that reaches this object (null for the root object)
 * @param reference   field name, {@code static NAME}, or {@code [index]} (null for the root object)
 * @param objectId    the object's address in the dump
 * @param objectType  its type; class objects read {@code class X}
 * @param retainedBytes what this object alone keeps alive (dominator tree), or -1 where not
 *                    computed: objects that stay reachable without the targets
 * @param value       the String or boxed value, {@link #REDACTED}, or null when the object has none
 * @param fanOut      how many distinct objects of the signature's instances sit one hop further
 *                    down at this position (1 on a shared trunk; more where the chain fans out)
 */
public record ChainHop(String holderType, String reference, long objectId, String objectType,
                       long shallowBytes, long retainedBytes, String value, int fanOut) {

    /** Stands in for a heap value the caller did not allow to be shown. */
    public static final String REDACTED = "<redacted>";

    public ChainHop {
        if (objectType == null) {
            throw new IllegalArgumentException("objectType is required");
        }
    }
}
