package io.leakwatch.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A target JVM for the daemon tests: adds {@code args[0]} {@link Grown} objects every 100 ms (0:
 * stays flat) and keeps them. Exits when its standard input closes.
 */
public final class GrowingTarget {

    /** The type that grows. */
    public static final class Grown {
        private final long id;
        private final long[] payload = new long[4];

        Grown(long id) {
            this.id = id;
            payload[0] = id;
        }
    }

    private static final List<Grown> KEPT = new ArrayList<>();

    private GrowingTarget() {
    }

    public static void main(String[] args) throws Exception {
        int per100ms = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Thread grower = new Thread(() -> {
            while (true) {
                synchronized (KEPT) {
                    for (int i = 0; i < per100ms; i++) {
                        KEPT.add(new Grown(KEPT.size()));
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "grower");
        grower.setDaemon(true);
        grower.start();
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // only the end of input matters
        }
        System.exit(0);
    }
}
