import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A service with a production-sized live set for the pause benchmark (src/bench/pause-bench.sh),
 * run with the source launcher: {@code java -Xmx6g src/bench/java/BigHeapTarget.java LIVE_MIB
 * CHURN_MIB_S LEAK_KIB_S}.
 *
 * <p>The live set is linked cells of 24 bytes (60 M of them at 1.5 GiB with compressed oops) and
 * one 1 KiB buffer per 1000 cells; churn is 1 KiB buffers kept for a moment in a ring (a few
 * thousand, so some survive a young GC); the leak is a small record held by {@code
 * LeakRegistry.entries}. Prints {@code ready} once the live set is built.
 */
public final class BigHeapTarget {

    /** 12-byte header, a long, a reference: 24 bytes. */
    static final class Cell {
        long value;
        Cell next;
    }

    /** What leaks: one small record per "request" that is never removed. */
    record LeakedEntry(long id, long at) {
    }

    /** Holds the leak. */
    static final class LeakRegistry {
        static final List<LeakedEntry> entries = new ArrayList<>();
    }

    static Cell[] chains;
    static byte[][] buffers;

    public static void main(String[] args) throws Exception {
        long liveMiB = Long.parseLong(args[0]);
        double churnMiBs = Double.parseDouble(args[1]);
        double leakKiBs = Double.parseDouble(args[2]);
        long cells = liveMiB * (1L << 20) * 1000 / (24L * 1000 + 1040);
        int perChain = 1000;
        chains = new Cell[(int) (cells / perChain) + 1];
        buffers = new byte[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            Cell head = null;
            for (int i = 0; i < perChain; i++) {
                Cell cell = new Cell();
                cell.value = i;
                cell.next = head;
                head = cell;
            }
            chains[c] = head;
            buffers[c] = new byte[1024];
        }
        System.gc();
        System.out.println("ready pid " + ProcessHandle.current().pid() + " cells " + cells);
        System.out.flush();

        byte[][] ring = new byte[4096][];
        long tickNanos = 10_000_000L;
        double churnPerTick = churnMiBs * 1024 / 100;             // 1 KiB buffers per 10 ms
        double leakPerTick = leakKiBs * 1024 / 32 / 100;           // 32-byte records per 10 ms
        double churnDebt = 0;
        double leakDebt = 0;
        long id = 0;
        int slot = 0;
        long next = System.nanoTime();
        while (true) {
            churnDebt += churnPerTick;
            for (; churnDebt >= 1; churnDebt--) {
                ring[slot] = new byte[1024];
                slot = (slot + 1) & (ring.length - 1);
            }
            leakDebt += leakPerTick;
            for (; leakDebt >= 1; leakDebt--) {
                LeakRegistry.entries.add(new LeakedEntry(id++, System.nanoTime()));
            }
            // touch the live set a little so it stays live and is not optimised away
            Cell c = chains[(int) (id % chains.length)];
            c.value++;
            next += tickNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
