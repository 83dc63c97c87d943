package io.leakwatch.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.SimpleType;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;

/** The marker MBean as the daemon sees it: a real target JVM using the built jar, read over real JMX. */
class MarkersMBeanIT {

    private static final Path MARKERS_JAR = Path.of("target", "leakwatch-markers.jar");
    private static final Path TEST_CLASSES = Path.of("target", "test-classes");

    @Test
    void reportsSurvivorsWithLabelCountAndAgeAndNothingForObjectsThatDied() throws Exception {
        String classpath = MARKERS_JAR.toAbsolutePath() + File.pathSeparator + TEST_CLASSES.toAbsolutePath();
        try (ChildJvm target = ChildJvm.builder(MarkingProgram.class).classpath(classpath).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            assertThat(connection.isRegistered(TargetJmx.MARKERS))
                    .as("no MBean before the first mark").isFalse();

            send(target, "die session 5000");
            long beforeKeep = System.currentTimeMillis();
            send(target, "keep cache-entry 3");
            long afterKeep = System.currentTimeMillis();
            Thread.sleep(1200);

            TargetJmx.gc(connection);
            long beforeRead = System.currentTimeMillis();
            Map<String, CompositeData> survivors = TargetJmx.survivors(connection);
            long afterRead = System.currentTimeMillis();

            assertThat(survivors).containsOnlyKeys("cache-entry", "session");
            assertThat(survivors.get("session").get("alive")).isEqualTo(0L);
            assertThat(survivors.get("session").get("oldestAgeMillis")).isEqualTo(0L);
            assertThat(survivors.get("cache-entry").get("alive")).isEqualTo(3L);
            assertThat((Long) survivors.get("cache-entry").get("oldestAgeMillis"))
                    .isBetween(beforeRead - afterKeep, afterRead - beforeKeep)
                    .isGreaterThanOrEqualTo(1200L);

            send(target, "release");
            TargetJmx.gc(connection);
            assertThat(TargetJmx.survivors(connection).get("cache-entry").get("alive")).isEqualTo(0L);
        }
    }

    @Test
    void survivorsAttributeHasTheContractedOpenType() throws Exception {
        String classpath = MARKERS_JAR.toAbsolutePath() + File.pathSeparator + TEST_CLASSES.toAbsolutePath();
        try (ChildJvm target = ChildJvm.builder(MarkingProgram.class).classpath(classpath).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            send(target, "keep x 1");
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            var attribute = java.util.Arrays.stream(connection.getMBeanInfo(TargetJmx.MARKERS).getAttributes())
                    .filter(a -> a.getName().equals("Survivors")).findFirst().orElseThrow();
            ArrayType<?> type = (ArrayType<?>) attribute.getDescriptor().getFieldValue("openType");
            CompositeType row = (CompositeType) type.getElementOpenType();
            assertThat(row.keySet()).containsExactlyInAnyOrder("label", "alive", "oldestAgeMillis");
            assertThat(row.getType("label")).isEqualTo(SimpleType.STRING);
            assertThat(row.getType("alive")).isEqualTo(SimpleType.LONG);
            assertThat(row.getType("oldestAgeMillis")).isEqualTo(SimpleType.LONG);
        }
    }

    @Test
    void targetWithoutTheLibraryHasNoMarkerMBean() throws Exception {
        try (ChildJvm target = ChildJvm.builder(IdleProgram.class)
                .classpath(TEST_CLASSES.toAbsolutePath().toString()).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            assertThat(connection.isRegistered(TargetJmx.MARKERS)).isFalse();
            assertThat(connection.queryNames(new ObjectName("io.leakwatch:*"), null)).isEmpty();
            assertThatThrownBy(() -> connection.getAttribute(TargetJmx.MARKERS, "Survivors"))
                    .isInstanceOf(InstanceNotFoundException.class);
            assertThat(target.output()).noneMatch(line -> line.contains("leakwatch"));
        }
    }

    private static void send(ChildJvm target, String command) throws IOException, InterruptedException {
        OutputStream in = target.process().getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        target.awaitLine("ok " + command.split(" ")[0], Duration.ofSeconds(30));
    }
}
