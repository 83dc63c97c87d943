package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leakwatch.pipeline.AllocationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationConfigTest {

    private final ConfigReader reader = new ConfigReader(Map.<String, String>of()::get);

    @Test
    void defaultsWhenAbsentAndEveryKeyMapped() throws Exception {
        assertThat(reader.read("lw.yml", "targets: [{name: a, pid: 1}]\n").allocations())
                .isEqualTo(AllocationSettings.defaults());
        LeakwatchConfig c = reader.read("lw.yml", """
                targets: [{name: a, pid: 1}]
                allocations:
                  enabled: true
                  always: true
                  duration: 10m
                  packages: [com.example., org.acme.Orders]
                  depth: 5
                  top: 2
                """);
        assertThat(c.allocations()).isEqualTo(new AllocationSettings(true, true, Duration.ofMinutes(10),
                List.of("com.example.", "org.acme.Orders"), 5, 2));
    }

    @Test
    void badValuesAndUnknownKeysNameTheirPlace() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                targets: [{name: a, pid: 1}]
                allocations:
                  duration: soon
                  packages: ["com example"]
                  top: 0
                """));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "lw.yml:3:3: allocations.duration: " + Durations.hint("soon"),
                "lw.yml:4:14: allocations.packages[0]: 'com example' is not a package or class prefix (e.g. com.example.)",
                "lw.yml:5:3: allocations.top: '0' is not a whole number from 1 to 10");
        ConfigException unknown = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                targets: [{name: a, pid: 1}]
                allocations:
                  enable: true
                """));
        assertThat(unknown.getMessage()).contains("lw.yml:3").contains("enable");
    }
}
