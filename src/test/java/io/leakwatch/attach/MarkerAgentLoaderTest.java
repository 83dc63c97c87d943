package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerAgentLoaderTest {

    private final MarkerAgentLoader loader = new MarkerAgentLoader(Path.of("target", "x.jar"), Duration.ofSeconds(1));

    @Test
    void agentJarIsLookedForBesideTheDaemonsCode() {
        // in the build, this class comes from target/classes, so the jar is expected in target/
        assertThat(MarkerAgentLoader.besideDaemon())
                .isEqualTo(Path.of("target", MarkerAgentLoader.AGENT_JAR).toAbsolutePath());
    }

    @Test
    void noMethodsMeansNothingToLoad() {
        assertThat(loader.load(ProcessHandle.current().pid(), List.of()))
                .isEqualTo(new AgentLoadResult.AlreadyLoaded());
    }

    @Test
    void malformedMethodIsAProgrammingErrorNamingTheText() {
        assertThatThrownBy(() -> loader.load(1, List.of("com.example.Session.close")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Session.close");
    }
}
