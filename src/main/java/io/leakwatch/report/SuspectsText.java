package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.HeapSuspects;
import io.leakwatch.analysis.LeakSuspect;
import io.leakwatch.analysis.RetentionChain;
import java.io.IOException;
import java.util.Locale;

/** The leak-suspects section of the text report: each suspect, what it retains, its chain with the culprit marked. */
final class SuspectsText {

    private SuspectsText() {
    }

    static void write(HeapSuspects s, Appendable out) throws IOException {
        out.append("\n== Leak suspects (dominator tree of the whole heap: ").append(Sizes.bytes(s.reachableBytes()))
                .append(" reachable in ").append(Sizes.count(s.reachableObjects())).append(" objects; a suspect keeps")
                .append(String.format(Locale.ROOT, " >= %.0f %%", s.thresholdShare() * 100)).append(" of it alive)\n");
        if (s.suspects().isEmpty()) {
            out.append("\nNo single accumulation point keeps that much alive: no leak suspects.\n");
        }
        int i = 1;
        for (LeakSuspect x : s.suspects()) {
            out.append("\n-- suspect ").append(String.valueOf(i++)).append(": ").append(x.type())
                    .append(" held by ").append(x.culprit()).append(" retains ").append(Sizes.bytes(x.retainedBytes()))
                    .append(String.format(Locale.ROOT, " (%.1f %% of the heap)", x.heapShare() * 100))
                    .append(x.jdkInternal() ? "  [JDK internal]" : "").append('\n');
            out.append("   accumulation point: ").append(x.accumulationType()).append(" retains ")
                    .append(Sizes.bytes(x.accumulationBytes())).append(", fans out to ").append(Sizes.count(x.fanOut()))
                    .append(" objects\n");
            String label = "   retains:  ";
            for (LeakSuspect.RetainedType t : x.retainedTypes()) {
                out.append(label).append(String.format(Locale.ROOT, "%12s", Sizes.count(t.instances()))).append(" × ")
                        .append(t.type()).append("  (").append(Sizes.bytes(t.bytes())).append(")\n");
                label = "             ";
            }
            chain(x.chain(), x.collapsedHops(), out);
        }
        if (s.hiddenJdk() > 0) {
            out.append("\n(").append(Sizes.count(s.hiddenJdk())).append(s.hiddenJdk() == 1 ? " suspect" : " suspects")
                    .append(" made only of JDK internals not shown: --jdk-internals shows them)\n");
        }
    }

    private static void chain(RetentionChain c, int collapsed, Appendable out) throws IOException {
        int culprit = ChainSummary.culpritHop(c);
        out.append("   ROOT ").append(c.rootKind()).append(": ").append(c.rootDescription()).append('\n');
        for (int i = 0; i < c.hops().size(); i++) {
            if (i == 1 && collapsed > 0) {
                out.append("      .. ").append(String.valueOf(collapsed))
                        .append(" JDK-internal hops folded (class loading, module tables; --jdk-internals shows them)\n");
                i = collapsed;
                continue;
            }
            ChainHop h = c.hops().get(i);
            out.append(i == 0 ? "         " : "      -> ");
            out.append(String.format("%016x ", h.objectId())).append(h.objectType());
            if (h.reference() != null) {
                out.append("   via ").append(h.holderType()).append(h.reference().startsWith("[") ? "" : ".")
                        .append(h.reference());
            }
            if (h.retainedBytes() >= 0) {
                out.append("   retains ").append(Sizes.bytes(h.retainedBytes()));
            }
            if (h.value() != null) {
                out.append("   value ").append(ChainHop.REDACTED.equals(h.value()) ? h.value() : "\"" + h.value() + "\"");
            }
            if (i == culprit) {
                out.append("   <-- culprit");
                if (c.culpritOwner() != null) {
                    out.append(" (ThreadLocal ").append(c.culpritOwner()).append(')');
                }
            }
            if (i == c.accumulationIndex()) {
                out.append("\n            ^^^ accumulation point: fans out to ").append(Sizes.count(h.fanOut()))
                        .append(" objects");
            }
            out.append('\n');
        }
    }
}
