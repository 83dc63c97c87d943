package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.failed;
import static io.leakwatch.attach.Targets.instancesOf;
import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote JMX URLs: real JVMs with the JMX agent on a loopback port, with and without credentials. */
class RemoteJmxIT {

    private static final Duration ATTACH = Duration.ofSeconds(3);
    private final SamplingOptions options = new SamplingOptions(ATTACH, Duration.ofSeconds(10));
    private final AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC(),
            AttachSettings.defaults().withBackOff(new BackOff(Duration.ZERO, Duration.ZERO)));

    @Test
    void samplesThroughAJmxUrlAndFollowsARestartOnTheSamePort() throws Exception {
        int port = freePort();
        TargetSelector selector = new TargetSelector.JmxUrl(url(port), null, null);
        try (TargetSampler sampler = factory.create("remote", selector, options)) {
            Sample before;
            try (ChildJvm jvm = start(port)) {
                Targets.grow(jvm, 2500);
                before = single(sampler.sampleAll());
                assertThat(before.identity().pid()).isEqualTo(jvm.pid());
                assertThat(before.identity().mainClass()).isEqualTo(CommandTarget.class.getName());
                assertThat(instancesOf(before, Targets.LEAKED)).isEqualTo(2500);
                assertThat(before.liveHeapBytes()).isPositive();
                assertThat(before.markers()).as("no marker MBean registered").isEmpty();
            }
            SampleOutcome.Failed gone = failed(sampler.sampleAll());
            assertThat(gone.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);

            try (ChildJvm restarted = start(port)) {
                Sample after = single(sampler.sampleAll());
                assertThat(after.identity().pid()).isEqualTo(restarted.pid());
                assertThat(after.identity().sameProcess(before.identity())).isFalse();
                assertThat(instancesOf(after, Targets.LEAKED)).isZero();
            }
        }
    }

    @Test
    void usesCredentialsAndReportsWrongOnesAsRefused(@TempDir Path dir) throws Exception {
        Path passwords = dir.resolve("jmx.password");
        Path access = dir.resolve("jmx.access");
        Files.writeString(passwords, "monitor s3cret\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(access, "monitor readwrite\n");
        int port = freePort();
        try (ChildJvm jvm = start(port, "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                "-Dcom.sun.management.jmxremote.access.file=" + access);
             TargetSampler right = factory.create("auth", new TargetSelector.JmxUrl(url(port), "monitor", "s3cret"), options);
             TargetSampler wrong = factory.create("auth", new TargetSelector.JmxUrl(url(port), "monitor", "nope"), options);
             TargetSampler none = factory.create("auth", new TargetSelector.JmxUrl(url(port), null, null), options)) {
            assertThat(single(right.sampleAll()).identity().pid()).isEqualTo(jvm.pid());
            SampleOutcome.Failed refused = failed(wrong.sampleAll());
            assertThat(refused.kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
            assertThat(refused.message()).doesNotContain("nope");
            assertThat(failed(none.sampleAll()).kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
        }
    }

    @Test
    void anEndpointThatNeverAnswersTimesOutAndAClosedPortFailsFast() throws Exception {
        try (SilentListener silent = new SilentListener()) {
            try (TargetSampler sampler = factory.create("silent",
                    new TargetSelector.JmxUrl(url(silent.port()), null, null), options)) {
                long start = System.nanoTime();
                SampleOutcome.Failed timeout = failed(sampler.sampleAll());
                assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isGreaterThanOrEqualTo(ATTACH).isLessThan(ATTACH.plusSeconds(3));
            }
        }
        int closedPort = freePort();
        try (TargetSampler sampler = factory.create("closed", new TargetSelector.JmxUrl(url(closedPort), null, null), options)) {
            SampleOutcome.Failed refused = failed(sampler.sampleAll());
            assertThat(refused.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
            assertThat(refused.took()).isLessThan(ATTACH);
        }
    }

    private static ChildJvm start(int port, String... extra) throws IOException {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC",
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.ssl=false"));
        if (extra.length == 0) {
            jvmOptions.add("-Dcom.sun.management.jmxremote.authenticate=false");
        }
        jvmOptions.addAll(List.of(extra));
        return ChildJvm.builder(CommandTarget.class).jvmOptions(jvmOptions.toArray(String[]::new)).start();
    }

    private static String url(int port) {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
