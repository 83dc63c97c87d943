package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The timeout and one-call-at-a-time rules, with plain blocking tasks standing in for a hung JVM. */
class CallGateTest {

    private final RemoteCalls calls = new RemoteCalls(4);
    private final CallGate gate = new CallGate(calls, "pid 42");

    @Test
    void returnsWhatTheCallReturns() throws Exception {
        assertThat(gate.call("answer", Duration.ofSeconds(5), () -> "yes", ignored -> { })).isEqualTo("yes");
        assertThat(gate.busy()).isFalse();
    }

    @Test
    void aHungCallTimesOutAndShutsTheGateUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> late = new AtomicReference<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> gate.call("hang", Duration.ofMillis(200), () -> {
            release.await();
            return "too late";
        }, late::set))
                .isInstanceOf(JvmCallException.class)
                .hasMessageContaining("hang on pid 42 did not answer within 200 ms")
                .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        assertThat(gate.busy()).isTrue();
        assertThatThrownBy(() -> gate.call("next", Duration.ofSeconds(5), () -> "x", ignored -> { }))
                .isInstanceOf(JvmCallException.class)
                .hasMessageContaining("the earlier call 'hang' has still not returned");

        release.countDown();
        waitUntil(() -> !gate.busy());
        assertThat(late.get()).as("a result that came too late is handed over for closing").isEqualTo("too late");
        assertThat(gate.call("next", Duration.ofSeconds(5), () -> "x", ignored -> { })).isEqualTo("x");
    }

    @Test
    void classifiesWhatTheCallThrew() {
        assertThatThrownBy(() -> gate.call("io", Duration.ofSeconds(5), () -> {
            throw new IOException("Connection reset");
        }, ignored -> { }))
                .isInstanceOf(JvmCallException.class)
                .hasMessage("io on pid 42 failed: IOException: Connection reset")
                .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.CONNECTION_FAILED));
        assertThatThrownBy(() -> gate.call("odd", Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("strange answer");
        }, ignored -> { }))
                .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.BAD_RESPONSE));
        assertThatThrownBy(() -> gate.call("denied", Duration.ofSeconds(5), () -> {
            throw new SecurityException("Authentication failed");
        }, ignored -> { }))
                .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.ATTACH_REFUSED));
    }

    @Test
    void cleanUpsRunOneAtATimeAndDoNotShutTheGate() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        int threadsBefore = calls.activeThreads();
        for (int i = 0; i < 10; i++) {
            gate.runDetached("close", () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.incrementAndGet();
            });
        }
        assertThat(calls.activeThreads()).isLessThanOrEqualTo(threadsBefore + 1);
        assertThat(gate.busy()).isFalse();
        assertThat(gate.call("meanwhile", Duration.ofSeconds(5), () -> 1, ignored -> { })).isEqualTo(1);
        release.countDown();
        waitUntil(() -> done.get() == 10);
    }

    @Test
    void failsAtOnceWhenEveryThreadIsHeld() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < 4; i++) {
                CallGate other = new CallGate(calls, "pid " + i);
                assertThatThrownBy(() -> other.call("hang", Duration.ofMillis(50), () -> release.await(10, TimeUnit.SECONDS),
                        ignored -> { })).isInstanceOf(JvmCallException.class);
            }
            assertThatThrownBy(() -> gate.call("one more", Duration.ofSeconds(5), () -> 1, ignored -> { }))
                    .isInstanceOf(JvmCallException.class)
                    .hasMessageContaining("all 4 remote-call threads are held");
            assertThat(gate.busy()).isFalse();
        } finally {
            release.countDown();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
