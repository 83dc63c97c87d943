import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * An allocating workload for alloc-sites-bench.sh: each operation allocates a small object with a
 * 64-byte buffer and some string garbage, and keeps one in eight in a ring of 20k (so old objects
 * live, die and get sampled). Prints operations per second (wall and per CPU second of the process, which
 * load from other work on the machine changes less) and GC time over the measured window.
 * Args: warm-up seconds, measured seconds.
 */
public final class AllocWorkload {

    record Item(long id, byte[] buffer, String name) {
    }

    public static void main(String[] args) throws Exception {
        long warmUp = Long.parseLong(args[0]) * 1_000_000_000L;
        long measured = Long.parseLong(args[1]) * 1_000_000_000L;
        Item[] ring = new Item[20_000];
        long ops = 0;
        long id = 0;
        long start = System.nanoTime();
        long windowStart = 0;
        long gcStart = 0;
        long cpuStart = 0;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long blackhole = 0;
        while (true) {
            for (int i = 0; i < 1000; i++, id++) {
                Item item = new Item(id, new byte[64], "item-" + id);
                blackhole += item.name().length();
                if ((id & 7) == 0) {
                    ring[(int) ((id >>> 3) % ring.length)] = item;
                }
            }
            long now = System.nanoTime();
            if (windowStart == 0 && now - start >= warmUp) {
                windowStart = now;
                gcStart = gcMillis();
                cpuStart = os.getProcessCpuTime();
                ops = 0;
            } else if (windowStart != 0) {
                ops += 1000;
                if (now - windowStart >= measured) {
                    double seconds = (now - windowStart) / 1e9;
                    double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                    System.out.printf("ops_per_s=%.0f ops_per_cpu_s=%.0f gc_ms=%d blackhole=%d%n", ops / seconds,
                            ops / cpu, gcMillis() - gcStart, blackhole & 1);
                    return;
                }
            }
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += gc.getCollectionTime();
        }
        return sum;
    }
}
