package io.leakwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.SessionProgram;
import io.leakwatch.markers.ClassFileRefs;
import io.leakwatch.markers.TargetJmx;
import io.leakwatch.testing.ChildJvm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;

/** The agent jar is loadable by itself into any Java 8+ target and brings no daemon classes along. */
class AgentJarIT {

    private static final Path JAR = Path.of("target", "leakwatch-agent.jar");

    @Test
    void manifestDeclaresTheAgentAndNoClassPath() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Agent-Class")).isEqualTo(MarkerAgent.class.getName());
            assertThat(main.getValue("Premain-Class")).isEqualTo(MarkerAgent.class.getName());
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(main.getValue("Class-Path")).as("would leak the daemon's lib/ into the target").isNull();
            assertThat(main.getValue("Main-Class")).isNull();
        }
    }

    @Test
    void byteBuddyIsRelocatedAndEverythingIsJava8() throws Exception {
        TreeSet<String> packages = new TreeSet<>();
        int classes = 0;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                classes++;
                packages.add(name.substring(0, name.indexOf('/', "io/leakwatch/".length()) + 1));
                ClassFileRefs refs = ClassFileRefs.read(jar.getInputStream(entry).readAllBytes());
                assertThat(refs.major()).as(name).isLessThanOrEqualTo(52);
                assertThat(refs.referencedTypes()).as(name).noneMatch(t -> t.startsWith("net/bytebuddy/"));
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(packages).containsExactly("io/leakwatch/agent/", "io/leakwatch/markers/");
    }

    @Test
    void worksAsAJavaagentFromStartup() throws Exception {
        String spec = SessionProgram.Session.class.getName() + "#close=session";
        try (ChildJvm target = ChildJvm.builder(SessionProgram.class)
                .jvmOptions("-Xmx64m", "-javaagent:" + JAR.toAbsolutePath() + "=" + spec)
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start();
             JMXConnector jmx = TargetJmx.connect(target.pid())) {
            OutputStream in = target.process().getOutputStream();
            in.write("cycle 20 5\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            target.awaitLine("ok cycle", Duration.ofSeconds(30));
            TargetJmx.gc(jmx.getMBeanServerConnection());
            assertThat(TargetJmx.survivors(jmx.getMBeanServerConnection()).get("session").get("alive")).isEqualTo(5L);
        }
    }
}
