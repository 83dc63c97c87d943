package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SamplingOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttachDumperSourceTest {

    private final Map<String, AttachDumperSource.Route> routes = Map.of(
            "local", new AttachDumperSource.Route(new TargetSelector.Pid(42), SamplingOptions.defaults()),
            "remote", new AttachDumperSource.Route(
                    new TargetSelector.JmxUrl("service:jmx:rmi:///jndi/rmi://db:9010/jmxrmi", null, null),
                    SamplingOptions.defaults()));
    private final AttachDumperSource source = new AttachDumperSource(new AttachTargetSamplerFactory(Clock.systemUTC()),
            target -> Optional.ofNullable(routes.get(target)));

    @Test
    void onlyAJvmOnThisHostIsDumped() {
        assertThat(source.canDump("local")).isTrue();
        assertThat(source.canDump("remote")).as("its dump is written on its own host").isFalse();
        assertThat(source.canDump("removed")).isFalse();
    }

    @Test
    void aTargetNoLongerConfiguredCannotBeOpened() {
        assertThatThrownBy(() -> source.open("removed", new TargetIdentity(42, 1000, "App", "17")))
                .isInstanceOf(IOException.class).hasMessageContaining("target removed is not configured");
    }
}
