package io.leakwatch.alert;

import java.util.Map;
import java.util.Objects;

/**
 * A leak as the detection and analysis see it now, before deduplication turns it into an alert.
 *
 * @param target    configured target name
 * @param signature leak signature key (or e.g. {@code heap} when no dump was analyzed)
 * @param summary   one line
 * @param topChains top retention chains as text, may be empty
 * @param reportUrl link to the report, may be empty
 * @param labels    extra labels
 * @param magnitude size of the leak now (bytes retained or bytes/hour); compared with
 *                  {@link AlertPolicy#growthFactor()}
 * @param allocationSites where the leaking objects were allocated, one site per line, may be empty
 */
public record LeakNotice(String target, String signature, String summary, String topChains, String reportUrl,
        Map<String, String> labels, long magnitude, String allocationSites) {

    /** A notice without allocation sites. */
    public LeakNotice(String target, String signature, String summary, String topChains, String reportUrl,
                      Map<String, String> labels, long magnitude) {
        this(target, signature, summary, topChains, reportUrl, labels, magnitude, "");
    }

    public LeakNotice {
        // state files written before allocation sites existed have none
        allocationSites = allocationSites == null ? "" : allocationSites;
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(topChains, "topChains");
        Objects.requireNonNull(reportUrl, "reportUrl");
        Alert.checkLabels(labels);
        labels = Map.copyOf(labels);
        if (magnitude < 0) {
            throw new IllegalArgumentException("magnitude must not be negative: " + magnitude);
        }
    }
}
