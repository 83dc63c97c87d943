package io.leakwatch.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The object a leak accumulates in, as a key: the path from the chain's anchor to the hop where the
 * instances fan out (or, for a chain that never fans out, to the instance itself). Types that
 * grow because of one holder share it, so they are one leak (one incident, one alert), however
 * their chains go on below it, and so do the objects the application marked dead that the same
 * holder keeps: the marks are evidence for that leak, not a second one. Eclipse MAT's leak suspects
 * group the same way, by accumulation point.
 *
 * <p>The anchor is the last static field on the way (the class is what matters, not which loader
 * list or JNI global the dump reached it through), else the GC root by kind and type, for a
 * thread's roots with the thread's name, its numbers folded. Names go through
 * {@link SignatureNames}, links between objects of one type are folded, so the key is the same in
 * every capture, after a redeploy, and in every process of the same program. Pure.
 */
public final class AccumulationPoint {

    private AccumulationPoint() {
    }

    /** The key as text, one hop per line. */
    public static String key(RetentionChain chain) {
        List<ChainHop> hops = chain.hops();
        // a chain that never fans out leads to an instance that is itself where things pile up (a
        // growing list's backing array), the same point the chains of the list's elements fan out at
        int end = chain.accumulationIndex() >= 0 ? chain.accumulationIndex() : hops.size() - 1;
        int start = 0;
        for (int i = end; i >= 1; i--) {
            if (hops.get(i).reference() != null && hops.get(i).reference().startsWith("static ")) {
                start = i;
                break;
            }
        }
        List<String> parts = new ArrayList<>();
        if (start == 0) {
            parts.add(chain.rootKind() + " " + root(chain.rootDescription()) + " " + SignatureNames.type(hops.get(0).objectType()));
        }
        for (int i = Math.max(1, start); i <= end; i++) {
            ChainHop hop = hops.get(i);
            ChainHop before = hops.get(i - 1);
            boolean slot = hop.reference().startsWith("[");
            if (i > start && !slot && hop.objectType().equals(before.objectType())) {
                continue;
            }
            String ref = hop.reference();
            parts.add(slot ? SignatureNames.type(hop.holderType()) + "[*]"
                    : ref.startsWith("static ") ? "static " + SignatureNames.type(hop.holderType()) + "." + ref.substring(7)
                    : SignatureNames.hop(hop.holderType() + "." + ref));
        }
        parts.add("@ " + SignatureNames.type(hops.get(end).objectType()));
        return String.join("\n", parts);
    }

    /** The key hashed to 16 hex digits: label-safe, the same wherever the key is. */
    public static String signature(RetentionChain chain) {
        return hash(key(chain));
    }

    private static String hash(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** A thread's root description ({@code "name"}, {@code thread "name" in frame}) with numbers folded. */
    private static String root(String description) {
        return description.startsWith("\"") || description.startsWith("thread ")
                ? SignatureNames.thread(description) : SignatureNames.type(description);
    }
}
