package io.leakwatch.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One notification about one leak of one target. Alike alerts share {@code target} and
 * {@code signature}: a later alert with the same pair updates or resolves the earlier one.
 *
 * @param target    configured target name
 * @param signature leak signature key (stable across captures of the same chain shape)
 * @param state     firing or resolved
 * @param summary   one line, e.g. "orders: 120 MB/h of byte[] held by OrderCache.entries"
 * @param topChains the top retention chains as text (may be empty when no dump was analyzed)
 * @param reportUrl link to the HTML report, or empty
 * @param labels    extra labels (names as Prometheus label names)
 * @param since     when the leak was first alerted
 * @param time      when this notification was made (for a resolve: when the leak cleared)
 * @param allocationSites where the leaking objects were allocated, one site per line (may be empty)
 */
public record Alert(
        String target,
        String signature,
        AlertState state,
        String summary,
        String topChains,
        String reportUrl,
        Map<String, String> labels,
        Instant since,
        Instant time,
        String allocationSites) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Label names the sinks set themselves. */
    public static final Set<String> RESERVED_LABELS = Set.of("alertname", "target", "signature");

    /** An alert without allocation sites. */
    public Alert(String target, String signature, AlertState state, String summary, String topChains,
                 String reportUrl, Map<String, String> labels, Instant since, Instant time) {
        this(target, signature, state, summary, topChains, reportUrl, labels, since, time, "");
    }

    public Alert {
        // outbox and state files written before allocation sites existed have none
        allocationSites = allocationSites == null ? "" : allocationSites;
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(topChains, "topChains");
        Objects.requireNonNull(reportUrl, "reportUrl");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(time, "time");
        if (target.isBlank() || signature.isBlank()) {
            throw new IllegalArgumentException("target and signature must not be blank");
        }
        checkLabels(labels);
        labels = Map.copyOf(new TreeMap<>(labels));
    }

    /** Rejects label names that are not Prometheus label names or that the sinks set themselves. */
    static void checkLabels(Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!LABEL_NAME.matcher(label.getKey()).matches()) {
                throw new IllegalArgumentException("label name '" + label.getKey()
                        + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            if (RESERVED_LABELS.contains(label.getKey())) {
                throw new IllegalArgumentException("label name '" + label.getKey() + "' is reserved; use another name");
            }
            Objects.requireNonNull(label.getValue(), "value of label " + label.getKey());
        }
    }

    /** The same alert, resolved at {@code at}. */
    public Alert resolvedAt(Instant at) {
        return new Alert(target, signature, AlertState.RESOLVED, summary, topChains, reportUrl, labels, since, at, allocationSites);
    }
}
