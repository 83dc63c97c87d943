package io.leakwatch.scenarios;

import io.leakwatch.config.ConfigReader;
import io.leakwatch.trend.Assessment;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.Finding;
import io.leakwatch.trend.GrowthDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays series the benchmark recorded ({@code -Dleakwatch.bench.series=<dir>}: one CSV per
 * scenario, sample time then bytes per type and "heap") through the detector under the
 * benchmark's settings, and tells per series on which sample it would be confirmed, with the
 * finding of every evaluation (the {@link Finding} ordinal; '.' where the type was absent). For
 * studying the detector on real series offline: {@code java -cp <test and main classes, the
 * dependencies> io.leakwatch.scenarios.SeriesReplay <csv>...}; with {@code -Dtracker=true} each
 * file is replayed through the tracker as one target, so the heap is judged with its types.
 */
final class SeriesReplay {

    /** A recorded series: its name, sample times and values. */
    record Series(String name, long[] at, double[] values) {
    }

    /** Where a series was first confirmed (1-based sample), or 0; and the finding per sample. */
    record Replayed(Series series, int confirmedAt, List<Finding> findings) {
    }

    private SeriesReplay() {
    }

    /** The benchmark's detector settings, read from the same YAML the daemon gets. */
    static DetectorSettings benchSettings(Duration interval) {
        try {
            return new ConfigReader().read("bench.yml", "dataDir: /tmp/unused\n" + BenchDetection.yaml(interval)
                    + "targets:\n  - name: x\n    pid: 1\n").detection();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Series> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        int n = lines.size() - 1;
        long[] at = new long[n];
        double[][] v = new double[names.length][n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            at[i] = Long.parseLong(cells[0]);
            for (int c = 1; c < names.length; c++) {
                v[c][i] = Double.parseDouble(cells[c]);
            }
        }
        List<Series> out = new ArrayList<>();
        for (int c = 1; c < names.length; c++) {
            out.add(new Series(names[c], at, v[c]));
        }
        return out;
    }

    /**
     * Judges the series sample by sample as the tracker does (a type series absent, i.e. 0, is not
     * judged), with {@code confirmAfter} positive evaluations in a row to confirm. The warm-up is
     * counted from the first sample (the recording has no JVM start time), so it errs late.
     */
    static Replayed replay(Series s, DetectorSettings settings) {
        GrowthDetector detector = new GrowthDetector(settings);
        boolean heap = s.name().equals("heap");
        List<Finding> findings = new ArrayList<>();
        long warmUpEnd = s.at()[0] + settings.warmUp().toMillis();
        long[] at = new long[s.at().length];
        double[] values = new double[at.length];
        int n = 0;
        int positive = 0;
        int confirmedAt = 0;
        for (int i = 0; i < at.length; i++) {
            if (!heap && s.values()[i] == 0) {
                findings.add(null);
                continue;
            }
            at[n] = s.at()[i];
            values[n] = s.values()[i];
            n++;
            int from = Math.max(0, n - settings.maxSamples());
            long[] wa = java.util.Arrays.copyOfRange(at, from, n);
            double[] wv = java.util.Arrays.copyOfRange(values, from, n);
            Assessment a = detector.assess(wa, wv, wa.length, warmUpEnd, settings.minBytesPerHour(heap));
            findings.add(a.finding());
            positive = a.finding() == Finding.GROWING ? positive + 1 : 0;
            if (positive >= settings.confirmAfter() && confirmedAt == 0) {
                confirmedAt = i + 1;
            }
        }
        return new Replayed(s, confirmedAt, findings);
    }

    /**
     * Replays a whole recording through a {@link io.leakwatch.trend.GrowthTracker} as the daemon
     * would (the types kept, plus one entry for the rest of the heap) and returns, per series, the
     * first sample (1-based) on which it was confirmed.
     */
    static java.util.Map<String, Integer> track(List<Series> recorded, DetectorSettings settings) {
        io.leakwatch.trend.GrowthTracker tracker = new io.leakwatch.trend.GrowthTracker(settings);
        io.leakwatch.model.TargetIdentity id = new io.leakwatch.model.TargetIdentity(1, recorded.get(0).at()[0],
                "replay", "17");
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        int n = recorded.get(0).at().length;
        for (int i = 0; i < n; i++) {
            List<io.leakwatch.model.HistogramEntry> entries = new ArrayList<>();
            long heap = 0;
            long types = 0;
            for (Series s : recorded) {
                long v = (long) s.values()[i];
                if (s.name().equals("heap")) {
                    heap = v;
                } else if (v > 0) {
                    entries.add(new io.leakwatch.model.HistogramEntry(s.name(), "", 1, v));
                    types += v;
                }
            }
            entries.add(new io.leakwatch.model.HistogramEntry("(rest)", "", 1, Math.max(0, heap - types)));
            io.leakwatch.trend.TargetVerdicts v = tracker.update(new io.leakwatch.model.Sample("replay", id,
                    java.time.Instant.ofEpochMilli(recorded.get(0).at()[i]), heap,
                    io.leakwatch.model.ClassHistogram.of(entries), List.of(), Duration.ZERO, Duration.ZERO));
            int sample = i + 1;
            if (v.heap().state() == io.leakwatch.trend.LeakState.CONFIRMED) {
                out.putIfAbsent("heap", sample);
            }
            v.types().stream().filter(g -> g.state() == io.leakwatch.trend.LeakState.CONFIRMED)
                    .forEach(g -> out.putIfAbsent(g.type(), sample));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (Boolean.getBoolean("tracker")) {
            for (String file : args) {
                System.out.println(Path.of(file).getFileName() + " " + track(read(Path.of(file)),
                        benchSettings(Duration.ofSeconds(1))));
            }
            return;
        }
        DetectorSettings settings = benchSettings(Duration.ofSeconds(1));
        for (String file : args) {
            for (Series s : read(Path.of(file))) {
                Replayed r = replay(s, settings);
                if (r.confirmedAt() > 0) {
                    StringBuilder sb = new StringBuilder();
                    for (Finding f : r.findings()) {
                        sb.append(f == null ? "." : Integer.toString(f.ordinal()));
                    }
                    System.out.printf("%s %s confirmed at %d  %s%n", Path.of(file).getFileName(), s.name(),
                            r.confirmedAt(), sb);
                }
            }
        }
    }
}
