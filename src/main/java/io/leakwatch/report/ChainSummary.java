package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Short forms of a leak signature for alerts: a stable key, the culprit field, one line, and the
 * chain as a few lines of text. Pure.
 */
public final class ChainSummary {

    private static final List<String> PLATFORM = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private ChainSummary() {
    }

    /**
     * A stable, label-safe key of a signature within its group: the same chain shape to the same
     * type (or marker label) gives the same key in every capture.
     */
    public static String key(TargetGroup group, LeakSignature signature) {
        String text = group.kind() + "\n" + group.name() + "\n" + signature.key();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * The field that holds the leak: the last reference declared by application code (not the JDK)
     * on the way to the point where the chain fans out to many instances, or to the instance when it
     * never does; {@code Holder.field}. The hop the analysis named when it did (a thread-local
     * map), and the chain's {@code heldBy} when no hop qualifies.
     */
    public static String culprit(RetentionChain chain) {
        if (chain.culpritIndex() > 0) {
            return field(chain.hops().get(chain.culpritIndex()));
        }
        int end = chain.accumulationIndex() >= 0 ? chain.accumulationIndex() : chain.hops().size() - 1;
        for (int i = end; i >= 1; i--) {
            ChainHop hop = chain.hops().get(i);
            String ref = hop.reference();
            if (ref != null && !ref.startsWith("[") && hop.holderType() != null && !platform(hop.holderType())) {
                return field(hop);
            }
        }
        return chain.heldBy();
    }

    /** The index of the hop whose reference is {@link #culprit}, or -1 when the culprit is the chain's root. */
    public static int culpritHop(RetentionChain chain) {
        if (chain.culpritIndex() > 0) {
            return chain.culpritIndex();
        }
        String culprit = culprit(chain);
        for (int i = chain.hops().size() - 1; i >= 1; i--) {
            ChainHop h = chain.hops().get(i);
            if (h.reference() != null && !h.reference().startsWith("[") && field(h).equals(culprit)) {
                return i;
            }
        }
        return -1;
    }

    /** One line: how many of what, held by which field, retaining how much. */
    public static String describe(TargetGroup group, LeakSignature signature) {
        String what = group.kind() == TargetGroup.Kind.MARKER
                ? "surviving object(s) marked \"" + group.name() + "\" (" + signature.example().hops()
                        .get(signature.example().hops().size() - 1).objectType() + ")"
                : group.name();
        RetentionChain chain = signature.example();
        String sampled = group.analyzed() < group.instancesInDump()
                // the analysis took the first N instances of a huge type: say so, or N reads as the count
                ? String.format(Locale.ROOT, " (of %,d analyzed; %,d in the dump)", group.analyzed(), group.instancesInDump())
                : "";
        return String.format(Locale.ROOT, "%,d × %s held by %s%s, retaining %s%s", signature.instances(), what,
                culprit(chain), owner(chain), bytes(signature.retainedBytes()), sampled);
    }

    /** The chain from its root to the instance, one hop per line, the culprit field marked. */
    public static String chainText(RetentionChain chain) {
        String culprit = culprit(chain);
        StringBuilder sb = new StringBuilder();
        sb.append("ROOT ").append(chain.rootKind()).append(": ").append(chain.rootDescription()).append('\n');
        for (int i = 0; i < chain.hops().size(); i++) {
            ChainHop h = chain.hops().get(i);
            sb.append(i == 0 ? "   " : "-> ").append(h.objectType());
            if (h.reference() != null) {
                String field = simple(h.holderType()) + (h.reference().startsWith("[") ? "" : ".")
                        + (h.reference().startsWith("static ") ? h.reference().substring(7) : h.reference());
                sb.append("  via ").append(field);
                if (field.equals(culprit)) {
                    sb.append("   <-- culprit").append(owner(chain));
                }
            }
            if (i == chain.accumulationIndex()) {
                sb.append(String.format(Locale.ROOT, "   (fans out to %,d)", h.fanOut()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String field(ChainHop hop) {
        String ref = hop.reference();
        return simple(hop.holderType()) + "." + (ref.startsWith("static ") ? ref.substring(7) : ref);
    }

    /** " (ThreadLocal ThreadLocalLeak.TRACE)" when the analysis named the owner behind the culprit, else "". */
    private static String owner(RetentionChain chain) {
        return chain.culpritOwner() == null ? "" : " (ThreadLocal " + chain.culpritOwner() + ")";
    }

    private static boolean platform(String type) {
        return PLATFORM.stream().anyMatch(type::startsWith);
    }

    /** The class name without its package: {@code LeakyService$PriceFeed}. */
    private static String simple(String type) {
        if (type == null) {
            return "?";
        }
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    static String bytes(long b) {
        return Sizes.bytes(b);
    }
}
