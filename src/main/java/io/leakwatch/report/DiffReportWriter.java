package io.leakwatch.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link HeapDiff} as text, JSON (schema {@value #SCHEMA}) or one HTML page: the growth table. */
public final class DiffReportWriter {

    /** Bump on any incompatible change. */
    public static final String SCHEMA = "leakwatch.diff/1";

    private final int top;

    /** @param top rows shown at most */
    public DiffReportWriter(int top) {
        this.top = top;
    }

    public void text(HeapDiff d, Writer out) {
        try {
            out.write("LeakWatch heap diff: which nodes of the shortest-path tree grew\n\n");
            if (d.rows().isEmpty()) {
                out.write("Nothing changed.\n");
            }
            out.write(String.format(Locale.ROOT, "%14s %14s  %s%n", "objects", "bytes", "node"));
            for (HeapDiff.Growth g : shown(d)) {
                out.write(String.format(Locale.ROOT, "%14s %14s  %s%n", Sizes.signedCount(g.instanceDelta()),
                        Sizes.signedBytes(g.byteDelta()), g.label()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void json(HeapDiff d, Writer out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeArrayFieldStart("growth");
            for (HeapDiff.Growth r : shown(d)) {
                g.writeStartObject();
                g.writeStringField("node", r.label());
                g.writeStringField("key", r.key());
                g.writeNumberField("oldInstances", r.oldInstances());
                g.writeNumberField("newInstances", r.newInstances());
                g.writeNumberField("instanceDelta", r.instanceDelta());
                g.writeNumberField("oldBytes", r.oldBytes());
                g.writeNumberField("newBytes", r.newBytes());
                g.writeNumberField("byteDelta", r.byteDelta());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The growth table as one HTML page, template {@code diff.peb}. */
    public void html(HeapDiff d, Writer out) {
        HtmlTemplates.render("diff", Map.of("rows", shown(d)), out);
    }

    private List<HeapDiff.Growth> shown(HeapDiff d) {
        return d.rows().subList(0, Math.min(top, d.rows().size()));
    }
}
