package io.leakwatch.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The analysis as JSON, schema {@value #SCHEMA} (documented in {@code package-info.java}). Field
 * names and order are fixed here rather than derived from the records, so refactoring the records
 * cannot silently change the schema.
 */
public final class JsonReportWriter {

    /** Bump on any incompatible change. */
    public static final String SCHEMA = "leakwatch.analysis/1";

    private final JsonFactory factory = new JsonFactory();

    public void write(LeakAnalysis a, Writer out) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeObjectFieldStart("dump");
            g.writeStringField("format", a.format());
            g.writeNumberField("idSize", a.idSize());
            g.writeNumberField("objects", a.objects());
            g.writeNumberField("references", a.references());
            g.writeNumberField("gcRoots", a.gcRoots());
            g.writeEndObject();
            if (a.suspects() != null) {
                SuspectsJson.write(g, a.suspects());
            }
            g.writeArrayFieldStart("groups");
            for (TargetGroup t : a.groups()) {
                group(g, t);
            }
            g.writeEndArray();
            // what `leakwatch diff` compares once the dump is gone
            PathTree.of(a).write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void group(JsonGenerator g, TargetGroup t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("kind", t.kind() == TargetGroup.Kind.MARKER ? "marker" : "type");
        g.writeNumberField("instancesInDump", t.instancesInDump());
        // the field keeps its first spelling: report.json readers depend on it
        g.writeNumberField("analysed", t.analyzed());
        g.writeNumberField("notStronglyReachable", t.weaklyHeld());
        g.writeNumberField("shallowBytes", t.shallowBytes());
        g.writeNumberField("retainedBytes", t.retainedBytes());
        g.writeNumberField("signatureCount", t.signatureCount());
        g.writeArrayFieldStart("signatures");
        for (LeakSignature s : t.signatures()) {
            g.writeStartObject();
            g.writeStringField("key", s.key());
            g.writeNumberField("instances", s.instances());
            g.writeNumberField("shallowBytes", s.shallowBytes());
            g.writeNumberField("retainedBytes", s.retainedBytes());
            chain(g, s.example());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void chain(JsonGenerator g, RetentionChain c) throws IOException {
        chain(g, c, 0);
    }

    /** The chain; its first {@code collapsed} hops after the root are flagged as JDK internals a reader may fold. */
    static void chain(JsonGenerator g, RetentionChain c, int collapsed) throws IOException {
        int culprit = ChainSummary.culpritHop(c);
        g.writeObjectFieldStart("chain");
        g.writeStringField("rootKind", c.rootKind());
        g.writeStringField("root", c.rootDescription());
        g.writeStringField("heldBy", c.heldBy());
        g.writeNumberField("length", c.length());
        g.writeNumberField("accumulationIndex", c.accumulationIndex());
        g.writeNumberField("culpritIndex", culprit);
        g.writeStringField("culprit", ChainSummary.culprit(c));
        g.writeArrayFieldStart("hops");
        for (int i = 0; i < c.hops().size(); i++) {
            ChainHop h = c.hops().get(i);
            g.writeStartObject();
            g.writeStringField("holderType", h.holderType());
            g.writeStringField("reference", h.reference());
            g.writeStringField("objectId", "0x" + Long.toHexString(h.objectId()));
            g.writeStringField("type", h.objectType());
            g.writeNumberField("shallowBytes", h.shallowBytes());
            g.writeNumberField("retainedBytes", h.retainedBytes());
            g.writeStringField("value", h.value());
            g.writeNumberField("fanOut", h.fanOut());
            g.writeBooleanField("culprit", i == culprit);
            if (collapsed > 0) {
                g.writeBooleanField("jdkInternal", i >= 1 && i <= collapsed);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
