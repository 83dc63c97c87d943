package io.leakwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.leakwatch.analysis.HeapSuspects;
import io.leakwatch.analysis.LeakSuspect;
import java.io.IOException;

/** The {@code leakSuspects} section of the JSON report (schema in {@code package-info.java}). */
final class SuspectsJson {

    private SuspectsJson() {
    }

    static void write(JsonGenerator g, HeapSuspects s) throws IOException {
        g.writeObjectFieldStart("leakSuspects");
        g.writeNumberField("reachableBytes", s.reachableBytes());
        g.writeNumberField("reachableObjects", s.reachableObjects());
        g.writeNumberField("threshold", s.thresholdShare());
        g.writeNumberField("hiddenJdkInternal", s.hiddenJdk());
        g.writeArrayFieldStart("suspects");
        for (LeakSuspect x : s.suspects()) {
            g.writeStartObject();
            g.writeStringField("type", x.type());
            g.writeStringField("culprit", x.culprit());
            g.writeNumberField("retainedBytes", x.retainedBytes());
            g.writeNumberField("heapShare", x.heapShare());
            g.writeBooleanField("jdkInternal", x.jdkInternal());
            g.writeObjectFieldStart("accumulationPoint");
            g.writeStringField("type", x.accumulationType());
            g.writeNumberField("retainedBytes", x.accumulationBytes());
            g.writeNumberField("fanOut", x.fanOut());
            g.writeEndObject();
            g.writeArrayFieldStart("retainedTypes");
            for (LeakSuspect.RetainedType t : x.retainedTypes()) {
                g.writeStartObject();
                g.writeStringField("type", t.type());
                g.writeNumberField("instances", t.instances());
                g.writeNumberField("bytes", t.bytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            JsonReportWriter.chain(g, x.chain(), x.collapsedHops());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
