package io.leakwatch.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * A target JVM for capture tests: keeps {@code args[0]} MiB of live byte arrays (so the dump has a
 * known lower bound), prints {@code ready} and waits to be killed.
 */
public final class HeapHoldingMain {

    static final List<byte[]> HELD = new ArrayList<>();

    private HeapHoldingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        for (int i = 0; i < mib; i++) {
            HELD.add(new byte[1024 * 1024]);
        }
        System.out.println("ready " + HELD.size());
        Thread.sleep(Long.MAX_VALUE);
    }
}
