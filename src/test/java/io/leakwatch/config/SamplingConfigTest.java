package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leakwatch.sample.PausePolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingConfigTest {

    private final ConfigReader reader = new ConfigReader(Map.<String, String>of()::get);

    @Test
    void shippedDefaultsApplyWithoutASection() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", """
                targets:
                  - {name: a, pid: 1}
                """);
        assertThat(c.targets().get(0).sampling().pause()).isEqualTo(PausePolicy.DEFAULTS);
        assertThat(PausePolicy.DEFAULTS.budget()).isEqualTo(0.001);
    }

    @Test
    void globalSectionAndPerTargetOverride() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", """
                sampling: {pauseBudget: "0.5%", maxPause: 2s}
                targets:
                  - {name: a, pid: 1}
                  - name: b
                    pid: 2
                    sampling: {pauseBudget: 0.02, escalationPause: 10s}
                """);
        PausePolicy a = c.targets().get(0).sampling().pause();
        PausePolicy b = c.targets().get(1).sampling().pause();
        assertThat(a.budget()).isEqualTo(0.005);
        assertThat(a.maxPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.escalationPause()).isEqualTo(PausePolicy.DEFAULTS.escalationPause());
        assertThat(b.budget()).isEqualTo(0.02);
        assertThat(b.maxPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.escalationPause()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badValuesNameFileLineAndKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                targets:
                  - name: a
                    pid: 1
                    sampling: {pauseBudget: 150%, maxPause: soon}
                """));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("lw.yml:4:").contains("targets[0].sampling.pauseBudget")
                .contains("'150%' is not a share of wall time").contains("targets[0].sampling.maxPause");
    }

    @Test
    void unknownKeyInTheSectionIsRefused() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                sampling: {pauseBudgte: 1%}
                targets:
                  - {name: a, pid: 1}
                """));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("lw.yml:1:").contains("pauseBudgte");
    }
}
