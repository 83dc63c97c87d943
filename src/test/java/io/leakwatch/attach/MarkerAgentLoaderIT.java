package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.markers.MarkingProgram;
import io.leakwatch.markers.TargetJmx;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            send(target, "isolated");
            TargetJmx.gc(connection);
            assertThat(TargetJmx.survivors(connection).get("session").get("alive"))
                    .as("a session of a class loader that does not see the class path is marked too").isEqualTo(1L);
            assertThat(target.output()).noneMatch(line -> line.contains("ERROR") || line.contains("Exception"));
        }
    }

    @Test
    void withoutTheMarkersJarBesideTheAgentInvisibleLoadersStillWork(@TempDir Path dir) throws Exception {
        Path lonelyAgent = Files.copy(AGENT_JAR, dir.resolve(MarkerAgentLoader.AGENT_JAR));
        try (ChildJvm target = ChildJvm.builder(SessionProgram.class)
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            assertThat(new MarkerAgentLoader(lonelyAgent, TIMEOUT).load(target.pid(), List.of(CLOSE)))
                    .isInstanceOf(AgentLoadResult.Loaded.class);
            assertThat(send(target, "isolated")).as("advice suppresses the missing marker classes")
                    .startsWith("ok isolated");
            send(target, "cycle 2 2");
            TargetJmx.gc(jmx.getMBeanServerConnection());
            assertThat(TargetJmx.survivors(jmx.getMBeanServerConnection()).get("session").get("alive"))
                    .as("only the two sessions the class path loader sees").isEqualTo(2L);
            assertThat(target.output()).noneMatch(line -> line.contains("Exception") || line.contains("Error"));
        }
    }

    @Test
    void anApplicationWithItsOwnLibraryAndTheAgentShareOneMBean() throws Exception {
        String classpath = Path.of("target", "leakwatch-markers.jar").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        try (ChildJvm target = ChildJvm.builder(MarkingProgram.class).classpath(classpath).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            send(target, "keep app 2");
            String handleClose = MarkingProgram.Handle.class.getName() + "#close=handle";
            assertThat(loader.load(target.pid(), List.of(handleClose))).isInstanceOf(AgentLoadResult.Loaded.class);
            send(target, "handles 3");
            TargetJmx.gc(jmx.getMBeanServerConnection());
            var survivors = TargetJmx.survivors(jmx.getMBeanServerConnection());
            assertThat(survivors.get("app").get("alive")).isEqualTo(2L);
            assertThat(survivors.get("handle").get("alive")).isEqualTo(3L);
            assertThat(target.output()).noneMatch(line -> line.contains("not registered"));
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
    void aTargetThatRefusesAttachIsReported() throws Exception {
        try (ChildJvm target = ChildJvm.builder(SessionProgram.class)
                .jvmOptions("-Xmx64m", "-XX:+DisableAttachMechanism")
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start()) {
            assertThat(loader.load(target.pid(), List.of(CLOSE)))
                    .isInstanceOfSatisfying(AgentLoadResult.Failed.class, f -> {
                        assertThat(f.kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
                        assertThat(f.message()).contains(Long.toString(target.pid()));
                    });
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
