package io.leakwatch.scenarios;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as Markdown: one row per scenario, the totals, the sampling cost. */
final class ResultTable {

    private ResultTable() {
    }

    /** Totals over a run. */
    record Totals(int leaks, int detected, int named, int cleanRuns, int cleanAlerted, int falseAlerts,
                  double medianDelaySamples, double medianDelaySeconds) {

        static Totals of(List<ScenarioResult> results) {
            int leaks = 0;
            int detected = 0;
            int named = 0;
            int clean = 0;
            int alerted = 0;
            int falseAlerts = 0;
            for (ScenarioResult r : results) {
                falseAlerts += r.falseAlerts();
                if (r.scenario().leak()) {
                    leaks++;
                    detected += r.detected() ? 1 : 0;
                    named += r.namesCulprit() ? 1 : 0;
                } else {
                    clean++;
                    alerted += r.falseAlerts() > 0 ? 1 : 0;
                }
            }
            double[] samples = results.stream().filter(ScenarioResult::detected).mapToDouble(ScenarioResult::delaySamples)
                    .toArray();
            double[] seconds = results.stream().filter(ScenarioResult::detected)
                    .mapToDouble(r -> r.delay().toMillis() / 1000.0).toArray();
            return new Totals(leaks, detected, named, clean, alerted, falseAlerts, median(samples), median(seconds));
        }

        double detectionRate() {
            return leaks == 0 ? Double.NaN : detected / (double) leaks;
        }

        double falsePositiveRate() {
            return cleanRuns == 0 ? Double.NaN : cleanAlerted / (double) cleanRuns;
        }
    }

    static String markdown(Suite suite, Duration interval, List<ScenarioResult> results,
                           Map<String, List<PauseProbe.Measured>> jcmd, Duration wall, String when) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Detection quality benchmark (").append(suite.name()).append(" profile)\n\n");
        sb.append(String.format(Locale.ROOT, "%s; sample interval %d ms; %d scenarios, %d at a time, watched %d s each;"
                        + " wall time %d s; %d cores.%n%n", when, interval.toMillis(), results.size(), suite.parallel(),
                suite.runFor().toSeconds(), wall.toSeconds(), Runtime.getRuntime().availableProcessors()));
        sb.append("Detector settings (the same for every scenario; one interval stands for 5 minutes):\n\n```yaml\n")
                .append(BenchDetection.yaml(interval)).append("```\n\n");
        sb.append("| scenario | leak | detected | delay s | delay samples | first series | top chain names culprit"
                + " | marked culprit | false alerts | samples | pause p50/max ms | what |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            Scenario s = r.scenario();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %.1f / %.1f | %s |%n",
                    s.name(), s.leak() ? "yes" : "no",
                    s.leak() ? (r.detected() ? "yes" : "**no**") : "-",
                    r.detected() ? String.format(Locale.ROOT, "%.1f", r.delay().toMillis() / 1000.0) : "-",
                    r.detected() ? Integer.toString(r.delaySamples()) : "-",
                    r.firstSeries().isEmpty() ? "-" : "`" + r.firstSeries() + "`",
                    s.leak() ? (r.namesCulprit() ? "yes (`" + s.culprit() + "`)" : "**no** (want `" + s.culprit() + "`)") : "-",
                    r.markedCulprit().isEmpty() ? "-" : "`" + r.markedCulprit() + "`",
                    r.falseAlerts(), r.samples(), r.pauseMillis(0.5).orElse(Double.NaN),
                    r.pauseMillis(1.0).orElse(Double.NaN), s.what()));
        }
        Totals t = Totals.of(results);
        sb.append(String.format(Locale.ROOT, "%nTotals: detection rate %d/%d (%.0f %%); top chain names the culprit"
                        + " %d/%d; false-positive rate %d/%d non-leaks alerted (%.0f %%), %d false alerts in all;"
                        + " median delay %.1f samples (%.1f s).%n",
                t.detected(), t.leaks(), 100 * t.detectionRate(), t.named(), t.leaks(), t.cleanAlerted(), t.cleanRuns(),
                100 * t.falsePositiveRate(), t.falseAlerts(), t.medianDelaySamples(), t.medianDelaySeconds()));
        sb.append("\nDelay: from the leak's onset (the program's ready line plus its onset) to the sample whose"
                + " evaluation confirmed a series; samples counted from the onset, that one included. False alerts:"
                + " series confirmed on a non-leak, or on a leak before its onset. Top chain: the first alert with"
                + " chains delivered for the scenario (findings are sent largest retained size first).\n");
        if (t.falseAlerts() > 0) {
            sb.append("\n## False alerts\n\n");
            for (ScenarioResult r : results) {
                for (String f : r.falseSeries()) {
                    sb.append("- ").append(r.scenario().name()).append(": ").append(f).append("\n");
                }
            }
        }
        sb.append("\n## Top chains of the leaks\n");
        for (ScenarioResult r : results) {
            if (r.scenario().leak()) {
                sb.append("\n").append(r.scenario().name()).append(" (culprit `").append(r.scenario().culprit())
                        .append("`):\n\n```\n").append(r.topChain().isEmpty() ? "(no chain alerted)\n" : r.topChain())
                        .append("```\n");
            }
        }
        if (!jcmd.isEmpty()) {
            sb.append("\n## Sampling cost: the sample's pause against `jcmd <pid> GC.class_histogram`\n\n");
            sb.append("Both measured as the growth of the target's safepoint time (`sun.rt.safepointTime`);"
                    + " jcmd ran 3 times on the same JVM after its batch.\n\n");
            sb.append("| scenario | sample pause p50 / max ms | jcmd pause ms (3 runs) | jcmd wall ms (3 runs) |\n");
            sb.append("|---|---|---|---|\n");
            for (Map.Entry<String, List<PauseProbe.Measured>> e : jcmd.entrySet()) {
                ScenarioResult r = results.stream().filter(x -> x.scenario().name().equals(e.getKey())).findFirst()
                        .orElseThrow();
                sb.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f | %s | %s |%n", e.getKey(),
                        r.pauseMillis(0.5).orElse(Double.NaN), r.pauseMillis(1.0).orElse(Double.NaN),
                        join(e.getValue(), true), join(e.getValue(), false)));
            }
        }
        return sb.toString();
    }

    private static String join(List<PauseProbe.Measured> ms, boolean pause) {
        StringBuilder sb = new StringBuilder();
        for (PauseProbe.Measured m : ms) {
            sb.append(sb.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.1f", pause ? m.pauseMillis() : m.wallMillis()));
        }
        return sb.toString();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
