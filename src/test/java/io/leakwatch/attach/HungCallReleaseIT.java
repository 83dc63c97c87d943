package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.testing.ChildJvm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call stuck on a stopped JVM gives its thread back once the RMI client timeouts fire, even while
 * the JVM stays stopped. Runs the sampler in a child JVM ({@link HungCallProbe}) because those
 * timeouts are JVM-wide and must be set before the first RMI connection.
 */
class HungCallReleaseIT {

    @Test
    void threadsHeldByAStoppedJvmAreReleasedByTheRmiTimeouts() throws Exception {
        try (ChildJvm target = ChildJvm.start(CommandTarget.class);
             ChildJvm probe = ChildJvm.builder(HungCallProbe.class).args(Long.toString(target.pid())).start()) {
            assertThat(probe.output()).contains("SAMPLED");
            target.suspend();
            OutputStream in = probe.process().getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();

            String outcome = probe.awaitLine("outcome", Duration.ofSeconds(30));
            assertThat(outcome).startsWith("outcome TIMEOUT").contains("did not answer within 1000 ms");
            String released = probe.awaitLine("released", Duration.ofSeconds(70));
            long millis = Long.parseLong(released.substring("released ".length()).strip());
            // response timeout 3 s on the stuck read, then RMI's dead-connection ping and a new
            // connection's handshake (2 s each) for the connector close
            assertThat(millis).as("output %s", probe.output()).isLessThan(30_000);
        }
    }
}
