package io.leakwatch.heap.testapp;

import java.util.ArrayList;
import java.util.List;

/**
 * A service that leaks: every order it ever takes stays in {@code static List<Order> ORDERS}
 * (about 20 MB for the default 30000 orders, far more than the rest of a small JVM's heap).
 */
public final class OrderService {

    /** One order: an id and a payload. */
    public static final class Order {
        final String id;
        final byte[] lines = new byte[600];

        Order(String id) {
            this.id = id;
        }
    }

    /** The culprit. */
    static final List<Order> ORDERS = new ArrayList<>();

    private OrderService() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30000;
        for (int i = 0; i < n; i++) {
            ORDERS.add(new Order("order-" + i));
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
