package io.leakwatch.heap.testapp;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One program as two pods of a fleet run it: the same leaks, with what differs between processes
 * made to differ. Orders pile up behind a thread whose name carries a number
 * ({@code pricefeed-refresher-<args[0]>}) and whose work is a lambda; quotes pile up behind a
 * generated proxy in a static registry. {@code args[1]} throw-away objects first move every hash
 * code and address.
 */
public final class FleetApp {

    /** Kept by the refresher thread's lambda. */
    public static final class Order {
        final byte[] lines = new byte[48];
    }

    /** Kept by the proxy's handler. */
    public static final class Quote {
        final long[] prices = new long[4];
    }

    static final List<Object> REGISTRY = new ArrayList<>();
    static volatile Object sink;

    private FleetApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        start(args);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Leaves nothing on main's stack: the leaks are held only by the thread and the registry. */
    private static void start(String[] args) {
        for (int i = 0, n = Integer.parseInt(args[1]); i < n; i++) {
            sink = new Object[] {new Object(), "x" + i};
        }
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            orders.add(new Order());
        }
        Thread refresher = new Thread(() -> refresh(orders), "pricefeed-refresher-" + args[0]);
        refresher.setDaemon(true);
        refresher.start();
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            quotes.add(new Quote());
        }
        REGISTRY.add(Proxy.newProxyInstance(FleetApp.class.getClassLoader(), new Class<?>[] {Supplier.class},
                (proxy, method, a) -> quotes));
    }

    private static void refresh(List<Order> orders) {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                System.out.println(orders.size());
            }
        }
    }
}
