package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final String BASE = """
            dataDir: /var/lib/leakwatch
            http: {address: 127.0.0.1, port: 9464}
            export:
              topN: 5
              include: ['^com\\.example\\.']
              exclude: ['Lambda']
            targets:
              - name: a
                mainClass: 'Orders.*'
                interval: 10s
              - name: b
                pid: 42
                cron: "0 * * * * ?"
              - name: c
                pidFile: /run/c.pid
                interval: 1m
                markers:
                  methods: [{method: 'com.example.Session#close'}]
            """;

    private final ConfigReader reader = new ConfigReader();

    private ConfigDiff diff(String before, String after) throws ConfigException {
        return ConfigDiff.between(reader.read("lw.yml", before), reader.read("lw.yml", after));
    }

    @Test
    void theSameFileReadTwiceChangesNothingRegexesIncluded() throws Exception {
        ConfigDiff d = diff(BASE, BASE);
        assertThat(d.isEmpty()).as(d.summary()).isTrue();
        assertThat(d.summary()).isEqualTo("no change");
    }

    @Test
    void targetsAddedRemovedAndChangedInWhat() throws Exception {
        String after = BASE
                .replace("mainClass: 'Orders.*'", "mainClass: 'Billing.*'")
                .replace("cron: \"0 * * * * ?\"", "cron: \"30 * * * * ?\"")
                .replace("""
                          - name: c
                            pidFile: /run/c.pid
                            interval: 1m
                            markers:
                              methods: [{method: 'com.example.Session#close'}]
                        """, """
                          - name: d
                            pid: 7
                            interval: 1m
                        """);
        ConfigDiff d = diff(BASE, after);
        assertThat(d.added()).extracting(TargetConfig::name).containsExactly("d");
        assertThat(d.removed()).containsExactly("c");
        assertThat(d.changed()).extracting(c -> c.after().name()).containsExactly("a", "b");
        ConfigDiff.TargetChange a = d.changed().get(0);
        assertThat(a.samplerChanged()).isTrue();
        assertThat(a.scheduleChanged()).isFalse();
        assertThat(a.aspects()).containsExactly("selector/timeouts");
        ConfigDiff.TargetChange b = d.changed().get(1);
        assertThat(b.samplerChanged()).isFalse();
        assertThat(b.aspects()).containsExactly("schedule");
        assertThat(d.exportChanged()).isFalse();
        assertThat(d.restartOnly()).isEmpty();
        assertThat(d.summary()).isEqualTo("added [d]; removed [c]; changed [a (selector/timeouts), b (schedule)]");
    }

    @Test
    void timeoutsDetectionAndMarkersAreTargetChanges() throws Exception {
        String after = BASE
                .replace("interval: 10s\n", "interval: 10s\n    callTimeout: 5s\n    detection: {minSamples: 8}\n")
                .replace("methods: [{method: 'com.example.Session#close'}]", "methods: [{method: 'com.example.Session#close'}]\n      grace: 5m");
        ConfigDiff d = diff(BASE, after);
        assertThat(d.changed()).extracting(c -> c.after().name() + " " + c.aspects())
                .containsExactly("a [selector/timeouts, detection]", "c [markers]");
    }

    @Test
    void globalDetectionChangesEveryTargetsDetection() throws Exception {
        ConfigDiff d = diff(BASE, BASE.replace("targets:\n", "detection: {warmUp: 1m}\ntargets:\n"));
        assertThat(d.changed()).allSatisfy(c -> assertThat(c.aspects()).containsExactly("detection")).hasSize(3);
    }

    @Test
    void exportChangesAreSeenThroughTheirRegexes() throws Exception {
        assertThat(diff(BASE, BASE.replace("['Lambda']", "['Lambda', 'Proxy']")).exportChanged()).isTrue();
        assertThat(diff(BASE, BASE.replace("topN: 5", "topN: 6")).exportChanged()).isTrue();
        assertThat(diff(BASE, BASE.replace("'^com\\.example\\.'", "'^com\\.other\\.'")).exportChanged()).isTrue();
    }

    @Test
    void httpDataDirCaptureAndAlertsAreRestartOnly() throws Exception {
        String after = BASE
                .replace("port: 9464", "port: 9465")
                .replace("dataDir: /var/lib/leakwatch", "dataDir: /srv/leakwatch")
                .replace("targets:\n", "capture: {quota: 1GiB}\nalerts: {repeatInterval: 1h}\ntargets:\n");
        ConfigDiff d = diff(BASE, after);
        assertThat(d.restartOnly()).containsExactly("http", "dataDir", "capture", "alerts");
        assertThat(d.added()).isEmpty();
        assertThat(d.changed()).isEmpty();
        assertThat(d.summary()).isEqualTo("kept until restart: [http, dataDir, capture, alerts]");
    }
}
