package io.leakwatch.heap.testapp;

import java.util.ArrayList;
import java.util.List;

/** A target whose culprit is a local variable of a sleeping thread named "parcel-keeper". */
public final class StackHoldApp {

    private StackHoldApp() {
    }

    /** Held only by a stack frame. */
    public static final class Parcel {
        final byte[] content = new byte[64];
    }

    public static void main(String[] args) throws InterruptedException {
        Thread keeper = new Thread(StackHoldApp::keep, "parcel-keeper");
        keeper.setDaemon(true);
        keeper.start();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void keep() {
        List<Parcel> parcels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            parcels.add(new Parcel());
        }
        System.out.println("ready " + parcels.size());
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println(parcels.size());
    }
}
