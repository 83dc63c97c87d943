package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leakwatch.capture.KeepDumps;
import io.leakwatch.trend.DetectorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detection, capture, alerts and markers sections: values mapped, every mistake placed. */
class PipelineConfigTest {

    private final ConfigReader reader = new ConfigReader(Map.<String, String>of()::get);

    private List<ConfigProblem> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", yaml));
        assertThat(e).as("config should be refused").isNotNull();
        return e.problems();
    }

    private ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> all = problems(yaml);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void defaultsWhenTheSectionsAreAbsent() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", "dataDir: /srv/lw\ntargets: [{name: a, pid: 1}]\n");
        assertThat(c.detection()).isEqualTo(DetectorSettings.defaults());
        assertThat(c.targets().get(0).detection()).isEqualTo(DetectorSettings.defaults());
        assertThat(c.capture().enabled()).isTrue();
        assertThat(c.capture().analysis()).as("a child JVM with a heap sized by the dump, 10 minutes")
                .isEqualTo(new AnalysisSettings(AnalysisSettings.Mode.CHILD, AnalysisSettings.AUTO, Duration.ofMinutes(10)));
        assertThat(reader.read("lw.yml", "capture: {analysisHeap: auto}\ntargets: [{name: a, pid: 1}]\n").capture()
                .analysis().heapBytes()).isEqualTo(AnalysisSettings.AUTO);
        assertThat(c.capture().directory()).isEqualTo(Path.of("/srv/lw/captures"));
        assertThat(c.reportsDirectory()).isEqualTo(Path.of("/srv/lw/captures"));
        assertThat(c.alerts()).isEqualTo(AlertSettings.defaults());
        assertThat(c.targets().get(0).markers()).isEqualTo(MarkerSettings.defaults());
    }

    @Test
    void sectionsMapEveryKeyAndTargetsOverrideDetection() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", """
                dataDir: /srv/lw
                detection:
                  warmUp: 5m
                  minSamples: 8
                  minSpan: 30m
                  sawtoothPeriod: 10m
                  maxPValue: 0.02
                  minTypeBytesPerHour: 64KiB
                  confirmAfter: 3
                capture:
                  enabled: true
                  directory: dumps
                  quota: 2GiB
                  minInterval: 30m
                  keepDumps: gzip
                  freeSpaceFactor: 1.5
                  freeSpaceReserve: 256MiB
                  dumpTimeout: 2m
                  analysis: inProcess
                  analysisHeap: 768MiB
                  analysisTimeout: 20m
                alerts:
                  alertmanager: http://127.0.0.1:9093/
                  webhook: https://hooks.example.com/leak
                  slack: https://hooks.slack.com/services/T/B/X
                  log: false
                  repeatInterval: 2h
                  growthFactor: 2
                  timeout: 3s
                targets:
                  - name: a
                    pid: 1
                    detection: {warmUp: 1m, confirmAfter: 2}
                    markers:
                      grace: 30s
                      methods:
                        - method: com.example.Session#close
                        - {method: com.example.Outer$Conn#release, label: conn}
                  - name: b
                    pid: 2
                """);
        DetectorSettings global = c.detection();
        assertThat(global.warmUp()).isEqualTo(Duration.ofMinutes(5));
        assertThat(global.minSamples()).isEqualTo(8);
        assertThat(global.minSpan()).isEqualTo(Duration.ofMinutes(30));
        assertThat(global.maxPValue()).isEqualTo(0.02);
        assertThat(global.minTypeBytesPerHour()).isEqualTo(64 * 1024);
        assertThat(global.confirmAfter()).isEqualTo(3);
        assertThat(global.maxSamples()).isEqualTo(DetectorSettings.defaults().maxSamples());
        DetectorSettings a = c.targets().get(0).detection();
        assertThat(a.warmUp()).isEqualTo(Duration.ofMinutes(1));
        assertThat(a.confirmAfter()).isEqualTo(2);
        assertThat(a.minSamples()).as("inherited from the global section").isEqualTo(8);
        assertThat(c.targets().get(1).detection()).isEqualTo(global);

        assertThat(c.capture().directory()).isEqualTo(Path.of("/srv/lw/dumps"));
        assertThat(c.capture().policy().quotaBytes()).isEqualTo(2L << 30);
        assertThat(c.capture().policy().minInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.capture().policy().keepDumps()).isEqualTo(KeepDumps.GZIP);
        assertThat(c.capture().policy().dumpSizeFactor()).isEqualTo(1.5);
        assertThat(c.capture().policy().freeSpaceReserveBytes()).isEqualTo(256L << 20);
        assertThat(c.capture().policy().dumpTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.capture().analysis())
                .isEqualTo(new AnalysisSettings(AnalysisSettings.Mode.IN_PROCESS, 768L << 20, Duration.ofMinutes(20)));

        assertThat(c.alerts().sinks().alertmanagerUrl()).contains(URI.create("http://127.0.0.1:9093/"));
        assertThat(c.alerts().sinks().webhookUrl()).contains(URI.create("https://hooks.example.com/leak"));
        assertThat(c.alerts().sinks().slackWebhookUrl()).isPresent();
        assertThat(c.alerts().sinks().log()).isFalse();
        assertThat(c.alerts().sinks().timeouts().request()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.alerts().policy().repeatInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(c.alerts().policy().growthFactor()).isEqualTo(2.0);
        assertThat(c.alerts().sinks().build()).extracting(s -> s.name()).containsExactly("alertmanager", "webhook", "slack");

        MarkerSettings markers = c.targets().get(0).markers();
        assertThat(markers.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(markers.methods()).containsExactly("com.example.Session#close", "com.example.Outer$Conn#release=conn");
    }

    @Test
    void badDetectionValueNamesLineAndKey() {
        ConfigProblem p = onlyProblem("""
                detection:
                  warmUp: 5 minutes
                targets: [{name: a, pid: 1}]
                """);
        assertThat(p.toString()).startsWith("lw.yml:2:3: detection.warmUp: '5 minutes' is not a positive duration");
    }

    @Test
    void detectorRuleIsReportedAtTheKeyItNames() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 1
                    detection:
                      minSpan: 10m
                """);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("targets[0].detection.minSpan");
        assertThat(p.message()).contains("at least three sawtoothPeriods");
    }

    @Test
    void unknownDetectionKeyIsRejectedWithTheAllowedOnes() {
        ConfigProblem p = onlyProblem("""
                detection:
                  warmup: 5m
                targets: [{name: a, pid: 1}]
                """);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("unknown key 'warmup'").contains("warmUp");
    }

    @Test
    void badCaptureValuesAreAllReported() {
        List<ConfigProblem> all = problems("""
                capture:
                  quota: 8 gigs
                  keepDumps: yes-please
                  freeSpaceFactor: -1
                  minInterval: soon
                targets: [{name: a, pid: 1}]
                """);
        assertThat(all).extracting(ConfigProblem::toString).containsExactly(
                "lw.yml:2:3: capture.quota: '8 gigs' is not a size; write a whole number and a unit (B, KiB, MiB,"
                        + " GiB, TiB, or kB, MB, GB, TB), e.g. 512MiB or 8GiB",
                "lw.yml:5:3: capture.minInterval: 'soon' is not a positive duration; write a whole number and a unit"
                        + " (ms, s, m, h or d), e.g. 500ms, 60s, 5m, 1h",
                "lw.yml:3:3: capture.keepDumps: 'yes-please' is not one of none (delete the dump after the analysis),"
                        + " raw (keep it) or gzip (keep it compressed)",
                "lw.yml:4:3: capture.freeSpaceFactor: '-1' must be above 0: the expected dump is the used heap times"
                        + " this factor (e.g. 1.2)");
    }

    @Test
    void badAnalysisValuesNameFileLineAndKey() {
        List<ConfigProblem> all = problems("""
                capture:
                  analysis: elsewhere
                  analysisHeap: 8MiB
                  analysisTimeout: never
                targets: [{name: a, pid: 1}]
                """);
        assertThat(all).extracting(ConfigProblem::toString).containsExactly(
                "lw.yml:2:3: capture.analysis: 'elsewhere' is not one of child (analyse each dump in a child JVM, the"
                        + " default) or inProcess (inside the daemon, which then needs the heap for the largest dump)",
                "lw.yml:3:3: capture.analysisHeap: '8MiB' is too small for the analysis JVM; write at least 16MiB"
                        + ", or auto to size it by each dump",
                "lw.yml:4:3: capture.analysisTimeout: 'never' is not a positive duration; write a whole number and a"
                        + " unit (ms, s, m, h or d), e.g. 500ms, 60s, 5m, 1h");
        assertThat(onlyProblem("capture: {analysisHeap: 1 gig}\ntargets: [{name: a, pid: 1}]\n").toString())
                .startsWith("lw.yml:1:11: capture.analysisHeap: '1 gig' is not a size");
    }

    @Test
    void badAlertValuesNameTheirKeys() {
        List<ConfigProblem> all = problems("""
                alerts:
                  alertmanager: localhost:9093
                  webhook: ftp://example.com/x
                  growthFactor: 1
                  log: maybe
                targets: [{name: a, pid: 1}]
                """);
        assertThat(all).extracting(ConfigProblem::key)
                .containsExactly("alerts.alertmanager", "alerts.webhook", "alerts.log", "alerts.growthFactor");
        assertThat(all.get(0).toString()).startsWith("lw.yml:2:3: alerts.alertmanager: 'localhost:9093' is not an"
                + " absolute http(s) URL");
        assertThat(all.get(2).message()).isEqualTo("'maybe' is not true or false");
    }

    @Test
    void badMarkerMethodNamesItsEntry() {
        List<ConfigProblem> all = problems("""
                targets:
                  - name: a
                    pid: 1
                    markers:
                      grace: forever
                      methods:
                        - method: com.example.Session.close
                        - label: x
                """);
        assertThat(all).extracting(ConfigProblem::toString).containsExactly(
                "lw.yml:5:7: targets[0].markers.grace: 'forever' is not a positive duration; write a whole number and"
                        + " a unit (ms, s, m, h or d), e.g. 500ms, 60s, 5m, 1h",
                "lw.yml:7:11: targets[0].markers.methods[0].method: marker method 'com.example.Session.close' is not of"
                        + " the form com.example.Type#method or com.example.Type#method=label (use $ for nested types:"
                        + " com.example.Outer$Inner#close)",
                "lw.yml:8:11: targets[0].markers.methods[1]: missing 'method'; write e.g. - method: com.example.Session#close");
    }

    @Test
    void shippedReferenceConfigLoads() throws Exception {
        LeakwatchConfig c = reader.read(Path.of("config/leakwatch.yml"));
        assertThat(c.detection()).isEqualTo(DetectorSettings.defaults());
        assertThat(c.capture().policy().keepDumps()).isEqualTo(KeepDumps.DELETE);
        assertThat(c.capture().directory()).isEqualTo(Path.of("data/captures"));
        assertThat(c.targets().get(0).markers().methods()).containsExactly("com.example.Session#close");
    }
}
