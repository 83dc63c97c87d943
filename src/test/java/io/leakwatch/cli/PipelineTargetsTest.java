package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.AttachDumperSource;
import io.leakwatch.config.ConfigDiff;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline's live target settings through a reload: which targets start detection over, and their lookups. */
class PipelineTargetsTest {

    private static final String CONFIG = """
            targets:
              - name: app
                pid: 42
                detection: {minSamples: %d}
                markers: {methods: [%s]}
              - name: db
                pid: 43
            """;

    private static LeakwatchConfig config(int minSamples, String markerMethods, String extra) throws Exception {
        return new ConfigReader().read("lw.yml", CONFIG.formatted(minSamples, markerMethods) + extra);
    }

    @Test
    void aReloadReseedsTheAddedTargetsAndThoseWhoseDetectionChanged() throws Exception {
        LeakwatchConfig first = config(6, "", "");
        PipelineTargets targets = new PipelineTargets(first);
        assertThat(targets.route("app")).map(AttachDumperSource.Route::selector).isPresent();
        assertThat(targets.route("web")).isEmpty();

        LeakwatchConfig second = config(8, "{method: 'com.example.Cache#evict'}", "  - name: web\n    pid: 44\n");
        assertThat(targets.apply(ConfigDiff.between(first, second))).containsExactlyInAnyOrder("web", "app");
        assertThat(targets.get("app").detection().minSamples()).isEqualTo(8);
        assertThat(targets.markerMethods()).isEqualTo(Map.of("app", List.of("com.example.Cache#evict")));

        LeakwatchConfig third = config(8, "", "  - name: web\n    pid: 44\n");
        assertThat(targets.apply(ConfigDiff.between(second, third))).as("only markers changed").isEmpty();

        targets.forget("web");
        assertThat(targets.get("web")).isNull();
        assertThat(targets.route("web")).isEmpty();
        assertThat(targets.names()).containsExactlyInAnyOrder("app", "db");
    }
}
