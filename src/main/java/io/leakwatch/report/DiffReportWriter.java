package io.leakwatch.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

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
            for (HeapDiff.Growth g : d.rows().subList(0, Math.min(top, d.rows().size()))) {
                out.write(String.format(Locale.ROOT, "%14s %14s  %s%n", signed(g.instanceDelta()),
                        (g.byteDelta() < 0 ? "-" : "+") + Sizes.bytes(Math.abs(g.byteDelta())), g.label()));
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
            for (HeapDiff.Growth r : d.rows().subList(0, Math.min(top, d.rows().size()))) {
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

    public void html(HeapDiff d, Writer out) {
        try {
            out.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LeakWatch heap diff</title><style>"
                    + "body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left;font-family:monospace}"
                    + "tr.grew{background:#fde2e2}</style></head><body><h1>LeakWatch heap diff</h1>"
                    + "<table id=\"growth\"><tr><th>node</th><th>objects before</th><th>after</th><th>change</th>"
                    + "<th>bytes before</th><th>after</th><th>change</th></tr>");
            for (HeapDiff.Growth g : d.rows().subList(0, Math.min(top, d.rows().size()))) {
                out.write("<tr" + (g.byteDelta() > 0 ? " class=\"grew\"" : "") + "><td>" + HtmlReportWriter.esc(g.label())
                        + "</td><td>" + Sizes.count(g.oldInstances()) + "</td><td>" + Sizes.count(g.newInstances())
                        + "</td><td>" + signed(g.instanceDelta()) + "</td><td>" + Sizes.bytes(g.oldBytes()) + "</td><td>"
                        + Sizes.bytes(g.newBytes()) + "</td><td>" + (g.byteDelta() < 0 ? "-" : "+")
                        + Sizes.bytes(Math.abs(g.byteDelta())) + "</td></tr>");
            }
            out.write("</table></body></html>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String signed(long n) {
        return (n < 0 ? "-" : "+") + Sizes.count(Math.abs(n));
    }
}
