package io.leakwatch.scenarios;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What the daemon made of one scenario.
 *
 * @param scenario        the scenario
 * @param samples         samples taken of it
 * @param failedSamples   rounds that failed
 * @param detected        a series was confirmed at or after the leak's onset (leaks only)
 * @param delay           from the onset to the sample that confirmed it (null when not detected)
 * @param delaySamples    samples taken from the onset up to and including that one (0 when not)
 * @param firstSeries     the series confirmed first ({@code heap} or a type)
 * @param falseAlerts     series confirmed of a non-leak, or of a leak before its onset
 * @param falseSeries     each false alert: the series, the sample that confirmed it, and its values
 * @param topChain        the chain of the first alert that carried one (the finding retaining most), or ""
 * @param markedCulprit   the field that chain marks as the culprit, or ""
 * @param namesCulprit    the top chain passes through the scenario's culprit field
 * @param pauses          the pause each sample caused on the target
 */
public record ScenarioResult(Scenario scenario, int samples, int failedSamples, boolean detected, Duration delay,
                             int delaySamples, String firstSeries, int falseAlerts, List<String> falseSeries, String topChain,
                             String markedCulprit, boolean namesCulprit, List<Duration> pauses) {

    public ScenarioResult {
        falseSeries = List.copyOf(falseSeries);
        pauses = List.copyOf(pauses);
    }

    /** Whether the detector did the right thing here: found the leak, naming its field; or kept quiet. */
    public boolean correct() {
        return scenario.leak() ? detected && namesCulprit && falseAlerts == 0 : falseAlerts == 0;
    }

    OptionalDouble pauseMillis(double quantile) {
        double[] ms = pauses.stream().mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
        if (ms.length == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ms[(int) Math.min(ms.length - 1, Math.floor(quantile * ms.length))]);
    }
}
