package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.markers.TargetJmx;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;

/**
 * No code change in the target: the daemon loads the agent jar into a running JVM that has no
 * LeakWatch class on its class path, and {@code Session.close()} (already loaded, so
 * retransformed) starts marking.
 */
class MarkerAgentLoaderIT {

    private static final Path AGENT_JAR = Path.of("target", MarkerAgentLoader.AGENT_JAR);
    private static final String CLOSE = SessionProgram.Session.class.getName() + "#close=session";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MarkerAgentLoader loader = new MarkerAgentLoader(AGENT_JAR, TIMEOUT);

    @Test
    void closeMarksSessionsOnJava17() throws Exception {
        closeMarksSessions(ChildJvm.currentJava());
    }

    @Test
    void closeMarksSessionsOnJava25() throws Exception {
        Path java25 = ChildJvm.jdk25OrNull();
        assumeTrue(java25 != null, "JDK 25 not installed under /usr/lib/jvm");
        closeMarksSessions(java25);
    }

    private void closeMarksSessions(Path java) throws Exception {
        try (ChildJvm target = ChildJvm.builder(SessionProgram.class).java(java)
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            send(target, "cycle 10 2");
            assertThat(connection.isRegistered(TargetJmx.MARKERS)).isFalse();

            AgentLoadResult loaded = loader.load(target.pid(), List.of(CLOSE));
            assertThat(loaded).isEqualTo(new AgentLoadResult.Loaded(List.of(CLOSE)));
            assertThat(loader.load(target.pid(), List.of(CLOSE))).isEqualTo(new AgentLoadResult.AlreadyLoaded());
            assertThat(loader.load(target.pid(), List.of(CLOSE.replace("=session", "=renamed"))))
                    .as("a method is advised once; its first label sticks").isEqualTo(new AgentLoadResult.AlreadyLoaded());

            assertThat(send(target, "cycle 100 4")).isEqualTo("ok cycle closes=110");
            TargetJmx.gc(connection);
            var session = TargetJmx.survivors(connection).get("session");
            assertThat(session.get("alive")).as("only the 4 leaked after the agent came").isEqualTo(4L);

            connection.setAttribute(TargetJmx.MARKERS, new Attribute("AgentMarking", false));
            assertThat(send(target, "cycle 50 50")).isEqualTo("ok cycle closes=160");
            TargetJmx.gc(connection);
            assertThat(TargetJmx.survivors(connection).get("session").get("alive"))
                    .as("agent marks switched off").isEqualTo(4L);

            connection.setAttribute(TargetJmx.MARKERS, new Attribute("AgentMarking", true));
            send(target, "release");
            TargetJmx.gc(connection);
            assertThat(TargetJmx.survivors(connection).get("session").get("alive")).isEqualTo(0L);
            assertThat(send(target, "cycle 1000 0")).isEqualTo("ok cycle closes=1160");
            assertThat(send(target, "isolated")).as("advised close() where the marker classes are invisible")
                    .startsWith("ok isolated");
            assertThat(target.output()).noneMatch(line -> line.contains("ERROR") || line.contains("Exception"));
        }
    }

    @Test
    void aSecondMethodIsAddedWithoutReloadingTheFirst() throws Exception {
        try (ChildJvm target = ChildJvm.builder(SessionProgram.class)
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            assertThat(loader.load(target.pid(), List.of(CLOSE))).isInstanceOf(AgentLoadResult.Loaded.class);
            String both = SessionProgram.class.getName() + "#main=main";
            assertThat(loader.load(target.pid(), List.of(CLOSE, both)))
                    .isEqualTo(new AgentLoadResult.Loaded(List.of(CLOSE, both)));
            send(target, "cycle 3 3");
            TargetJmx.gc(jmx.getMBeanServerConnection());
            assertThat(jmx.getMBeanServerConnection().isRegistered(TargetJmx.MARKERS)).as(target.output().toString()).isTrue();
            assertThat(TargetJmx.survivors(jmx.getMBeanServerConnection()).get("session").get("alive"))
                    .as("close() advised once, not twice").isEqualTo(3L);
        }
    }

    @Test
    void aHungTargetTimesOutAndStaysUsable() throws Exception {
        try (ChildJvm target = ChildJvm.builder(SessionProgram.class)
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start()) {
            target.suspend();
            AgentLoadResult result = new MarkerAgentLoader(AGENT_JAR, Duration.ofSeconds(2)).load(target.pid(), List.of(CLOSE));
            target.resume();
            assertThat(result).isInstanceOfSatisfying(AgentLoadResult.Failed.class,
                    f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
            assertThat(send(target, "cycle 1 0")).isEqualTo("ok cycle closes=1");
        }
    }

    @Test
    void missingProcessAndMissingJarAreReportedNotThrown() throws Exception {
        long deadPid;
        try (ChildJvm gone = ChildJvm.builder(SessionProgram.class).start()) {
            deadPid = gone.pid();
            gone.kill();
        }
        assertThat(loader.load(deadPid, List.of(CLOSE)))
                .isInstanceOfSatisfying(AgentLoadResult.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND));
        MarkerAgentLoader noJar = new MarkerAgentLoader(Path.of("target", "no-such-agent.jar"), TIMEOUT);
        assertThat(noJar.load(ProcessHandle.current().pid(), List.of(CLOSE)))
                .isInstanceOfSatisfying(AgentLoadResult.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND);
                    assertThat(f.message()).contains("no-such-agent.jar").contains("mvn package");
                });
    }

    private static String send(ChildJvm target, String command) throws IOException, InterruptedException {
        OutputStream in = target.process().getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return target.awaitLine("ok " + command.split(" ")[0], TIMEOUT);
    }
}
