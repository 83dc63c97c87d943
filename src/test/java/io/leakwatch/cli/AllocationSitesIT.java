package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.analysis.alloc.AllocationSite;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.SampledObject;
import io.leakwatch.attach.AttachSettings;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.attach.JfrRecorder;
import io.leakwatch.attach.JvmConnection;
import io.leakwatch.schedule.Schedule;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.demo.LeakyService;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.pipeline.AllocationSampling;
import io.leakwatch.pipeline.AllocationSettings;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocation sites over a remote JMX URL: the demo's leaky service in its own JVM with the JMX agent
 * on a loopback port, recorded with JFR through its FlightRecorderMXBean, the recording streamed
 * back, parsed and closed; and a JVM started without a Flight Recorder, reported and not crashed on.
 */
class AllocationSitesIT {

    private static final String SESSION = LeakyService.class.getName() + "$QuoteSession";
    private final SamplingOptions options = new SamplingOptions(Duration.ofSeconds(5), Duration.ofSeconds(20));
    private final AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(Clock.systemUTC(),
            AttachSettings.defaults().withBackOff(new BackOff(Duration.ZERO, Duration.ZERO)));

    @Test
    void aRemoteTargetGivesTheAllocatingFrameOfItsLeakAndKeepsNoRecording(@TempDir Path tmp) throws Exception {
        int port = freePort();
        TargetConfig target = target(port);
        try (ChildJvm jvm = remote(port);
             TargetSampler sampler = attach.create(target.name(), target.selector(), options)) {
            TargetIdentity identity = sample(sampler).identity();
            AllocationRecorders recorders = new AllocationRecorders(attach, name -> target, tmp);
            long id = recorders.start(target.name(), identity, Duration.ofMinutes(2));
            // Only samples that survived a GC are written; each sample runs a full GC.
            for (int i = 0; i < 6; i++) {
                Thread.sleep(1000);
                sample(sampler);
            }
            List<SampledObject> samples = recorders.collect(target.name(), identity, id);

            AllocationSites sites = new io.leakwatch.analysis.alloc.AllocationSiteFinder(
                    io.leakwatch.analysis.alloc.FrameFilter.defaults(), 3).find(samples, List.of(SESSION));
            assertThat(sites.samples()).as("sampled sessions among %s", samples).isPositive();
            AllocationSite top = sites.sites().get(0);
            assertThat(top.type()).isEqualTo(SESSION);
            assertThat(top.frames().get(0).toString()).startsWith(LeakyService.class.getName() + ".handleRequest:");
            assertThat(top.describe()).contains("allocated at io.leakwatch.demo.LeakyService.handleRequest:");
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("the streamed recording is deleted").isEmpty();
            }
            try (JvmConnection c = attach.connect(target.selector(), identity, options)) {
                assertThat(new JfrRecorder(c).recordings()).as("no recording left on the target").isEmpty();
            }
            assertThat(jvm.process().isAlive()).isTrue();
        }
    }

    @Test
    void analyzeWithAJfrFileShowsTheSitesBesideTheChains(@TempDir Path tmp) throws Exception {
        try (ChildJvm jvm = ChildJvm.builder(LeakyService.class).jvmOptions("-Xmx128m", "-XX:+UseSerialGC")
                .args("400").start();
             TargetSampler sampler = attach.create("local", new TargetSelector.Pid(jvm.pid()), options)) {
            TargetIdentity identity = sample(sampler).identity();
            Path recording;
            Path dump = tmp.resolve("heap.hprof");
            try (JvmConnection c = attach.connect(new TargetSelector.Pid(jvm.pid()), identity, options)) {
                JfrRecorder jfr = new JfrRecorder(c);
                long id = jfr.start(Duration.ofMinutes(2));
                for (int i = 0; i < 6; i++) {
                    Thread.sleep(1000);
                    sample(sampler);
                }
                recording = jfr.collect(id, tmp);
                c.dumpHeap(dump.toString(), Duration.ofSeconds(60));
                assertThat(jfr.recordings()).isEmpty();
            }
            assertThat(Files.getPosixFilePermissions(recording)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

            java.io.StringWriter out = new java.io.StringWriter();
            int exit = new picocli.CommandLine(new AnalyzeCommand()).setOut(new java.io.PrintWriter(out))
                    .execute(dump.toString(), "--type", SESSION, "--jfr", recording.toString(), "--quiet");
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("LeakyService$PriceFeed.listeners")
                    .contains("Allocation sites (live objects sampled by JFR jdk.OldObjectSample)")
                    .contains(SESSION + " allocated at io.leakwatch.demo.LeakyService.handleRequest:");

            java.io.StringWriter err = new java.io.StringWriter();
            int bad = new picocli.CommandLine(new AnalyzeCommand()).setErr(new java.io.PrintWriter(err))
                    .execute(dump.toString(), "--jfr", dump.toString(), "--quiet");
            assertThat(bad).isEqualTo(1);
            assertThat(err.toString()).contains("cannot read " + dump).contains("not a readable JFR recording");
        }
    }

    @Test
    void aTargetWithoutFlightRecorderIsReportedNotCrashedOn(@TempDir Path tmp) throws Exception {
        int port = freePort();
        TargetConfig target = target(port);
        // -XX:-FlightRecorder no longer keeps JDK 17 from starting a recording over JMX; a runtime
        // without jdk.jfr (a jlink image, or this module limit) has no FlightRecorder MBean at all.
        try (ChildJvm jvm = remote(port, "--limit-modules",
                "java.base,java.management,java.management.rmi,jdk.management,jdk.management.agent")) {
            // (this runtime has no class histogram either, so the identity is read directly)
            TargetIdentity identity = identity(target);
            AllocationRecorders recorders = new AllocationRecorders(attach, name -> target, tmp);
            assertThatThrownBy(() -> recorders.start(target.name(), identity, Duration.ofMinutes(1)))
                    .isInstanceOf(IOException.class).hasMessageContaining("pid " + identity.pid())
                    .hasMessageContaining("no Flight Recorder");

            List<String> outcomes = new CopyOnWriteArrayList<>();
            try (AllocationSampling sampling = new AllocationSampling(AllocationSettings.defaults(), recorders,
                    (t, outcome) -> outcomes.add(t + ":" + outcome), Clock.systemUTC())) {
                sampling.sampled(target.name(), identity, true);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (outcomes.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(outcomes).containsExactly("remote:start_failed");
                sampling.sampled(target.name(), identity, true);
                assertThat(sampling.collect(target.name(), identity, List.of(SESSION))).isEqualTo(AllocationSites.NONE);
                Thread.sleep(300);
                assertThat(outcomes).as("not asked again within the recording duration").hasSize(1);
            }
            assertThat(identity(target).pid()).as("the target is still reachable").isEqualTo(jvm.pid());
        }
    }

    private static TargetIdentity identity(TargetConfig target) throws IOException {
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(((TargetSelector.JmxUrl) target.selector()).url()))) {
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(c.getMBeanServerConnection(),
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            return new TargetIdentity(runtime.getPid(), runtime.getStartTime(), LeakyService.class.getName(),
                    runtime.getVmVersion());
        }
    }

    private static Sample sample(TargetSampler sampler) {
        List<SampleOutcome> outcomes = sampler.sampleAll();
        assertThat(outcomes).singleElement().isInstanceOf(SampleOutcome.Sampled.class);
        return ((SampleOutcome.Sampled) outcomes.get(0)).sample();
    }

    private static TargetConfig target(int port) {
        return new TargetConfig("remote", new TargetSelector.JmxUrl("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port
                + "/jmxrmi", null, null), new Schedule.Every(Duration.ofSeconds(1)), SamplingOptions.defaults());
    }

    private static ChildJvm remote(int port, String... extra) throws IOException {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC",
                "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.ssl=false", "-Dcom.sun.management.jmxremote.authenticate=false"));
        jvm.addAll(List.of(extra));
        return ChildJvm.builder(LeakyService.class).jvmOptions(jvm.toArray(String[]::new)).args("400").start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
