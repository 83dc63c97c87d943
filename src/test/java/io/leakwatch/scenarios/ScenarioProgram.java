package io.leakwatch.scenarios;

import java.util.function.LongConsumer;

/**
 * The shell every scenario program runs in: prints {@code ready}, then calls its step every
 * {@code periodMillis} with the milliseconds since ready on one worker thread, until its standard
 * input closes (the benchmark closing the child).
 */
final class ScenarioProgram {

    private ScenarioProgram() {
    }

    static void run(long periodMillis, LongConsumer step) throws Exception {
        long start = System.nanoTime();
        Thread worker = new Thread(() -> {
            long next = System.nanoTime();
            while (true) {
                step.accept((System.nanoTime() - start) / 1_000_000);
                next += periodMillis * 1_000_000;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "scenario-worker");
        worker.setDaemon(true);
        worker.start();
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // only the end of input matters
        }
        System.exit(0);
    }

    /** Short-lived work of a request: garbage the next GC takes. */
    static int garbage(int kib) {
        int sum = 0;
        for (int i = 0; i < kib; i++) {
            byte[] b = new byte[1024];
            b[i % 1024] = (byte) i;
            sum += b[i % 1024];
        }
        return sum;
    }

    static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
