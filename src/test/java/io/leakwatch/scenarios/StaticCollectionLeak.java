package io.leakwatch.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Leak: every order is appended to a static history that nothing ever trims.
 * {@code args[0]} orders per second (each about 600 bytes).
 */
public final class StaticCollectionLeak {

    static final List<Order> ORDERS = new ArrayList<>();

    record Order(long id, String customer, byte[] lines) {
    }

    private StaticCollectionLeak() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = ScenarioProgram.arg(args, 0, 100);
        long[] id = {0};
        ScenarioProgram.run(100, t -> {
            for (int i = 0; i < perSecond / 10; i++) {
                ORDERS.add(new Order(id[0], "customer-" + id[0] % 997, new byte[512]));
                id[0]++;
            }
            ScenarioProgram.garbage(64);
        });
    }
}
