package io.leakwatch.analysis;

/**
 * Alike chains grouped: same root kind and sequence of holder type and field or array slot
 * (indexes folded to {@code [*]}).
 *
 * @param key            the signature as text, one hop per line
 * @param instances      targets whose shortest chain has this signature
 * @param retainedBytes  what freeing all of them would free (dominator subtrees counted once),
 *                       -1 when not computed
 * @param example        one full chain, of the instance first in the dump
 */
public record LeakSignature(String key, int instances, long shallowBytes, long retainedBytes,
                            RetentionChain example) {
    public LeakSignature {
        if (instances < 1) {
            throw new IllegalArgumentException("a signature has at least one instance");
        }
    }
}
