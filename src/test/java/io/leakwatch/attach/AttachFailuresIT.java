package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.failed;
import static io.leakwatch.attach.Targets.sampled;
import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Targets that die, hang, restart, refuse attach, or come in numbers; all real JVMs. */
class AttachFailuresIT {

    private static final Duration ATTACH = Duration.ofSeconds(3);
    private static final Duration CALL = Duration.ofSeconds(2);
    /** Slack over a timeout for scheduling on a busy 2-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final SamplingOptions options = new SamplingOptions(ATTACH, CALL);
    private final AttachTargetSamplerFactory noBackOff = new AttachTargetSamplerFactory(Clock.systemUTC(),
            AttachSettings.defaults().withBackOff(new BackOff(Duration.ZERO, Duration.ZERO)));

    @Test
    void aKilledTargetIsReportedWhileAnotherIsStillSampled() throws Exception {
        try (ChildJvm doomed = ChildJvm.start(CommandTarget.class);
             ChildJvm other = ChildJvm.start(CommandTarget.class);
             TargetSampler doomedSampler = noBackOff.create("doomed", new TargetSelector.Pid(doomed.pid()), options);
             TargetSampler otherSampler = noBackOff.create("other", new TargetSelector.Pid(other.pid()), options)) {
            single(doomedSampler.sampleAll());
            single(otherSampler.sampleAll());

            doomed.kill();

            SampleOutcome.Failed failure = failed(doomedSampler.sampleAll());
            assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(failure.message()).contains("no process with pid " + doomed.pid());
            assertThat(single(otherSampler.sampleAll()).identity().pid()).isEqualTo(other.pid());
        }
    }

    @Test
    void aStoppedTargetTimesOutWithoutBlockingOthersOrPilingUpThreads() throws Exception {
        try (ChildJvm hung = ChildJvm.start(CommandTarget.class);
             ChildJvm healthy = ChildJvm.start(CommandTarget.class);
             TargetSampler hungSampler = noBackOff.create("hung", new TargetSelector.Pid(hung.pid()), options);
             TargetSampler healthySampler = noBackOff.create("healthy", new TargetSelector.Pid(healthy.pid()), options)) {
            single(hungSampler.sampleAll());
            int threadsBefore = noBackOff.activeCallThreads();
            hung.suspend();

            long start = System.nanoTime();
            CompletableFuture<List<SampleOutcome>> hanging = CompletableFuture.supplyAsync(hungSampler::sampleAll);
            Sample meanwhile = single(healthySampler.sampleAll());
            List<SampleOutcome> outcomes = hanging.join();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(meanwhile.identity().pid()).isEqualTo(healthy.pid());
            SampleOutcome.Failed timeout = failed(outcomes);
            assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(timeout.message()).contains("did not answer within 2000 ms");
            assertThat(took).isGreaterThanOrEqualTo(CALL).isLessThan(CALL.plus(SLACK));

            for (int i = 0; i < 5; i++) {
                SampleOutcome.Failed again = failed(hungSampler.sampleAll());
                assertThat(again.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(again.took()).isLessThan(Duration.ofMillis(500));
            }
            // one call parked on the stopped JVM and one connector close, however often we try
            assertThat(noBackOff.activeCallThreads()).isLessThanOrEqualTo(threadsBefore + 2);

            try (TargetSampler fresh = noBackOff.create("hung-fresh", new TargetSelector.Pid(hung.pid()), options)) {
                long attachStart = System.nanoTime();
                SampleOutcome.Failed attachTimeout = failed(fresh.sampleAll());
                assertThat(attachTimeout.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - attachStart)).isLessThan(ATTACH.plus(SLACK));
            }

            hung.resume();
            assertThat(sampleUntilSampled(hungSampler, Duration.ofSeconds(30)).identity().pid()).isEqualTo(hung.pid());
        }
    }

    @Test
    void attachingToAJvmStoppedBeforeItWasEverAttachedTimesOut() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(CommandTarget.class);
             TargetSampler sampler = noBackOff.create("stopped", new TargetSelector.Pid(jvm.pid()), options)) {
            jvm.suspend();
            long start = System.nanoTime();
            SampleOutcome.Failed timeout = failed(sampler.sampleAll());
            assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(timeout.message()).contains("attach and start the local management agent");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ATTACH).isLessThan(ATTACH.plus(SLACK));
            jvm.resume();
            assertThat(sampleUntilSampled(sampler, Duration.ofSeconds(30)).identity().pid()).isEqualTo(jvm.pid());
        }
    }

    @Test
    void aRestartedTargetBehindAPidFileIsANewIdentity(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("app.pid");
        try (TargetSampler sampler = noBackOff.create("app", new TargetSelector.PidFile(pidFile), options)) {
            SampleOutcome.Failed missing = failed(sampler.sampleAll());
            assertThat(missing.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(missing.message()).contains(pidFile.toString());

            Sample before;
            try (ChildJvm first = ChildJvm.start(CommandTarget.class)) {
                Files.writeString(pidFile, first.pid() + "\n");
                before = single(sampler.sampleAll());
            }
            try (ChildJvm second = ChildJvm.start(CommandTarget.class)) {
                Files.writeString(pidFile, Long.toString(second.pid()));
                Sample after = single(sampler.sampleAll());
                assertThat(after.identity().pid()).isEqualTo(second.pid());
                assertThat(after.identity().sameProcess(before.identity())).isFalse();
            }
            Files.writeString(pidFile, "not-a-pid");
            assertThat(failed(sampler.sampleAll()).message()).contains("holds 'not-a-pid'");
        }
    }

    @Test
    void aTargetWithAttachDisabledIsRefusedAndBackedOff() throws Exception {
        AttachTargetSamplerFactory withBackOff = new AttachTargetSamplerFactory(Clock.systemUTC());
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class)
                .jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-XX:+DisableAttachMechanism").start();
             TargetSampler sampler = withBackOff.create("locked", new TargetSelector.Pid(jvm.pid()), options)) {
            SampleOutcome.Failed refused = failed(sampler.sampleAll());
            assertThat(refused.kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
            assertThat(refused.message()).contains("pid " + jvm.pid());

            SampleOutcome.Failed resting = failed(sampler.sampleAll());
            assertThat(resting.kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
            assertThat(resting.message()).contains("backing off after 1 failure(s)");
            assertThat(resting.took()).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void repeatedFailuresWarnOnceThenDebugUntilRecovered() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AttachTargetSampler.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(events);
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class)
                .jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-XX:+DisableAttachMechanism").start();
             TargetSampler sampler = noBackOff.create("locked", new TargetSelector.Pid(jvm.pid()), options)) {
            for (int i = 0; i < 3; i++) {
                assertThat(failed(sampler.sampleAll()).kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
            }
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
        }
        List<ILoggingEvent> failures = events.list.stream()
                .filter(e -> e.getFormattedMessage().contains("attach_refused")).toList();
        assertThat(failures).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG, Level.DEBUG);
        assertThat(failures).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    @Test
    void aMarkerMBeanOfTheWrongShapeIsABadResponse() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(CommandTarget.class, "0", "bad-markers");
             TargetSampler sampler = noBackOff.create("odd", new TargetSelector.Pid(jvm.pid()), options)) {
            SampleOutcome.Failed bad = failed(sampler.sampleAll());
            assertThat(bad.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
            assertThat(bad.message()).contains("io.leakwatch:type=LeakMarkers Survivors is java.lang.String");
        }
    }

    @Test
    void aMainClassPatternGivesOneOutcomePerMatchingJvm() throws Exception {
        String tag = "tag-" + UUID.randomUUID();
        TargetSelector selector = new TargetSelector.MainClass(Pattern.compile(Pattern.quote(tag)));
        try (TargetSampler sampler = noBackOff.create("fleet", selector, options);
             ChildJvm one = ChildJvm.start(CommandTarget.class, "0", tag);
             ChildJvm two = ChildJvm.start(CommandTarget.class, "0", tag)) {
            List<SampleOutcome> both = sampler.sampleAll();
            assertThat(both).hasSize(2);
            assertThat(both).map(o -> sampled(o).identity().pid()).containsExactlyInAnyOrder(one.pid(), two.pid());

            one.kill();
            List<SampleOutcome> left = sampler.sampleAll();
            assertThat(left).hasSize(1);
            assertThat(sampled(left.get(0)).identity().pid()).isEqualTo(two.pid());

            two.kill();
            assertThat(failed(sampler.sampleAll()).kind()).isEqualTo(FailureKind.NOT_FOUND);
        }
    }

    private static Sample sampleUntilSampled(TargetSampler sampler, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<SampleOutcome> last = List.of();
        while (System.nanoTime() < deadline) {
            last = sampler.sampleAll();
            if (last.size() == 1 && last.get(0) instanceof SampleOutcome.Sampled s) {
                return s.sample();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not sampled within " + within + "; last outcome " + last);
    }
}
