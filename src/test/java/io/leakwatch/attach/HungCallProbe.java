package io.leakwatch.attach;

import io.leakwatch.model.TargetSelector;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A daemon in miniature for {@link HungCallReleaseIT}, run in its own JVM because the RMI client
 * timeouts it installs are JVM-wide. Samples {@code args[0]} once and prints {@code ready}; on
 * {@code go} (the test has stopped the target meanwhile) samples again, prints the outcome, then
 * prints {@code released <ms>} once no remote-call thread is left, or {@code stuck} after 60 s.
 */
public final class HungCallProbe {

    private HungCallProbe() {
    }

    public static void main(String[] args) throws Exception {
        long pid = Long.parseLong(args[0]);
        AttachSettings settings = new AttachSettings(new BackOff(Duration.ZERO, Duration.ZERO), 8,
                Duration.ofSeconds(2), Duration.ofSeconds(3));
        AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC(), settings);
        SamplingOptions options = new SamplingOptions(Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (TargetSampler sampler = factory.create("probe", new TargetSelector.Pid(pid), options)) {
            System.out.println(describe(sampler.sampleAll()));
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                return;
            }
            long start = System.nanoTime();
            System.out.println("outcome " + describe(sampler.sampleAll()) + " threads " + factory.activeCallThreads());
            while (factory.activeCallThreads() > 0) {
                if (System.nanoTime() - start > Duration.ofSeconds(60).toNanos()) {
                    System.out.println("stuck " + factory.activeCallThreads());
                    return;
                }
                Thread.sleep(100);
            }
            System.out.println("released " + Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    private static String describe(List<SampleOutcome> outcomes) {
        SampleOutcome outcome = outcomes.get(0);
        return outcome instanceof SampleOutcome.Failed f ? f.kind() + " " + f.message() : "SAMPLED";
    }
}
