package io.leakwatch.scenarios;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Not a leak: requests stay in flight for two seconds (2 KiB each), and the request rate changes
 * every {@code args[0]} seconds through 100, 300, 150, 400, 50 per second, so the live set steps up
 * and down with the load.
 */
public final class ChangingRateWorkload {

    private static final int[] RATES = {100, 300, 150, 400, 50};

    record Request(long startedAt, byte[] body) {
    }

    private ChangingRateWorkload() {
    }

    public static void main(String[] args) throws Exception {
        long phaseMillis = ScenarioProgram.arg(args, 0, 10) * 1000L;
        Deque<Request> inFlight = new ArrayDeque<>();
        ScenarioProgram.run(100, t -> {
            int rate = RATES[(int) (t / phaseMillis % RATES.length)];
            for (int i = 0; i < rate / 10; i++) {
                inFlight.add(new Request(t, new byte[2048]));
            }
            while (!inFlight.isEmpty() && inFlight.peekFirst().startedAt() < t - 2000) {
                inFlight.pollFirst();
            }
            ScenarioProgram.garbage(rate / 10);
        });
    }
}
