package io.leakwatch.cli;

import io.leakwatch.demo.LeakyService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's LeakyService ({@code args[0]}, {@code args[1]} as its own), plus a second leak of its
 * own in another holder and type: once the file {@code args[2]} exists, 100 {@link Order}s of
 * 1 KiB a second are kept in {@link #ORDERS}. A test starts it when it wants a series confirmed
 * that the first leak's capture does not explain. Exits when its standard input closes.
 */
public final class LeakyServiceWithSecondLeak {

    /** The second leak's type. */
    public static final class Order {
        private final long[] lines = new long[128];

        Order(long id) {
            lines[0] = id;
        }
    }

    private static final List<Order> ORDERS = new ArrayList<>();

    private LeakyServiceWithSecondLeak() {
    }

    public static void main(String[] args) throws Exception {
        Path trigger = Path.of(args[2]);
        Thread second = new Thread(() -> {
            try {
                while (!Files.exists(trigger)) {
                    Thread.sleep(100);
                }
                for (long id = 0; ; id++) {
                    synchronized (ORDERS) {
                        ORDERS.add(new Order(id));
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "second-leak");
        second.setDaemon(true);
        second.start();
        LeakyService.main(new String[] {args[0], args[1]});
    }
}
