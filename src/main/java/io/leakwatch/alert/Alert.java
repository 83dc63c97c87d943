package io.leakwatch.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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
 * @param topChains the top retention chains as text (may be empty when no dump was analysed)
 * @param reportUrl link to the HTML report, or empty
 * @param labels    extra labels (names as Prometheus label names)
 * @param since     when the leak was first alerted
 * @param time      when this notification was made (for a resolve: when the leak cleared)
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
        Instant time) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Alert {
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
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!LABEL_NAME.matcher(label.getKey()).matches()) {
                throw new IllegalArgumentException("label name '" + label.getKey()
                        + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            Objects.requireNonNull(label.getValue(), "value of label " + label.getKey());
        }
        labels = Map.copyOf(new TreeMap<>(labels));
    }

    /** The same alert, resolved at {@code at}. */
    public Alert resolvedAt(Instant at) {
        return new Alert(target, signature, AlertState.RESOLVED, summary, topChains, reportUrl, labels, since, at);
    }
}
