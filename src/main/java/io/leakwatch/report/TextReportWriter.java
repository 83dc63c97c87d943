package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Plain-text report in the spirit of windbg's {@code !gcroot}: per target group its signatures,
 * and for each one full chain from the root down to an instance, the fan-out hop marked.
 */
public final class TextReportWriter {

    /** Renders {@code analysis} into {@code out}. */
    public void write(LeakAnalysis analysis, Appendable out) {
        try {
            out.append("LeakWatch heap analysis (").append(analysis.format()).append(", ")
                    .append(String.valueOf(analysis.idSize())).append("-byte ids, ")
                    .append(Sizes.count(analysis.objects())).append(" objects, ")
                    .append(Sizes.count(analysis.references())).append(" references, ")
                    .append(Sizes.count(analysis.gcRoots())).append(" GC roots)\n");
            if (analysis.suspects() != null) {
                SuspectsText.write(analysis.suspects(), out);
            }
            if (analysis.groups().isEmpty() && analysis.suspects() == null) {
                out.append("\nNothing to analyse: no targets.\n");
            }
            for (TargetGroup g : analysis.groups()) {
                group(g, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a String. */
    public String render(LeakAnalysis analysis) {
        StringBuilder sb = new StringBuilder();
        write(analysis, sb);
        return sb.toString();
    }

    private void group(TargetGroup g, Appendable out) throws IOException {
        out.append('\n').append(g.kind() == TargetGroup.Kind.MARKER ? "== marker \"" + g.name() + "\"" : "== " + g.name())
                .append(": ").append(Sizes.count(g.instancesInDump())).append(" in dump, ")
                .append(Sizes.count(g.analyzed())).append(" analysed, ")
                .append(Sizes.count(g.weaklyHeld())).append(" not strongly reachable (not reported)\n");
        out.append("   shallow ").append(Sizes.bytes(g.shallowBytes())).append(", retained ")
                .append(Sizes.bytes(g.retainedBytes())).append(", ").append(Sizes.count(g.signatureCount()))
                .append(g.signatureCount() == 1 ? " signature\n" : " signatures\n");
        int i = 1;
        for (LeakSignature s : g.signatures()) {
            out.append("\n-- signature ").append(String.valueOf(i++)).append(" of ")
                    .append(String.valueOf(g.signatureCount())).append(": ")
                    .append(Sizes.count(s.instances())).append(s.instances() == 1 ? " instance" : " instances")
                    .append(", shallow ").append(Sizes.bytes(s.shallowBytes()))
                    .append(", retained ").append(Sizes.bytes(s.retainedBytes())).append('\n');
            chain(s.example(), out);
        }
    }

    private void chain(RetentionChain c, Appendable out) throws IOException {
        out.append("   held by ").append(c.heldBy()).append('\n');
        out.append("   ROOT ").append(c.rootKind()).append(": ").append(c.rootDescription()).append('\n');
        for (int i = 0; i < c.hops().size(); i++) {
            ChainHop h = c.hops().get(i);
            out.append(i == 0 ? "         " : "      -> ");
            out.append(String.format("%016x ", h.objectId())).append(h.objectType());
            if (h.reference() != null) {
                out.append("   via ").append(h.holderType()).append(h.reference().startsWith("[") ? "" : ".")
                        .append(h.reference());
            }
            if (h.retainedBytes() >= 0 && i == c.hops().size() - 1) {
                out.append("   retains ").append(Sizes.bytes(h.retainedBytes()));
            }
            if (h.value() != null) {
                out.append("   value ").append(ChainHop.REDACTED.equals(h.value()) ? h.value() : "\"" + h.value() + "\"");
            }
            if (i == c.accumulationIndex()) {
                out.append("\n            ^^^ accumulation point: fans out to ").append(Sizes.count(h.fanOut()))
                        .append(" objects");
            }
            out.append('\n');
        }
    }
}
