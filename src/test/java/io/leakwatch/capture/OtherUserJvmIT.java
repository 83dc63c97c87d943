package io.leakwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.capture.CaptureOutcome.Captured;
import io.leakwatch.testing.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target running as another user (nobody) cannot write into the daemon's private 0700 capture
 * directory: it writes into its own temp directory and the daemon (root) moves the dump in. The
 * JDK's attach refuses a JVM of another user even to root, so this target is reached over remote
 * JMX on loopback.
 */
class OtherUserJvmIT {

    private static final int NOBODY = 65534;

    @TempDir
    Path temp;

    @Test
    void aTargetOfAnotherUserWritesIntoItsTmpAndTheDumpIsMovedIn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to run the target as nobody");
        Path launcher = temp.resolve("java-as-nobody.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec setpriv --reuid=" + NOBODY + " --regid=" + NOBODY
                + " --clear-groups " + ChildJvm.currentJava() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // Only the test classes: the Maven repository under /root is not readable by nobody.
        String classes = Path.of(HeapHoldingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (ChildJvm target = ChildJvm.builder(HeapHoldingMain.class).java(launcher).classpath(classes)
                .jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=/tmp",
                        "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false")
                .args("8").start();
                JMXConnector jmx = JMXConnectorFactory.connect(
                        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"))) {
            assertThat(Files.getAttribute(Path.of("/proc/" + target.pid()), "unix:uid")).isEqualTo(NOBODY);
            Path root = temp.resolve("captures");
            CaptureService service = CaptureService.open(root, CapturePolicy.defaults().withKeepDumps(KeepDumps.KEEP),
                    new HeaderCheckingAnalyzer(), new TargetFilesystem(), Clock.systemUTC());

            CaptureOutcome outcome = service.capture(new CaptureRequest("orders", target.pid(), List.of(), false),
                    new JmxHeapDumper(jmx.getMBeanServerConnection(), Duration.ofSeconds(30)));

            assertThat(outcome).isInstanceOf(Captured.class);
            Path dump = root.resolve(((Captured) outcome).record().id()).resolve("heap.hprof");
            assertThat(CaptureServiceIT.header(Files.newInputStream(dump))).isEqualTo(HeaderCheckingAnalyzer.HEADER);
            assertThat(CaptureServiceIT.mode(dump)).isEqualTo("rw-------");
            assertThat(Files.getOwner(dump).getName()).isEqualTo("root");
            try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
                assertThat(tmp).noneMatch(p -> p.getFileName().toString().startsWith("leakwatch-orders-"));
            }
        }
    }
}
