package io.leakwatch.markers;

/** A target without the marker library on its class path: it only waits. */
public final class IdleProgram {

    private IdleProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
