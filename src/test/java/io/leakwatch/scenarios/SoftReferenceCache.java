package io.leakwatch.scenarios;

import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Not a leak: a cache of {@code args[0]} keys whose values (4 KiB) are held softly and recomputed
 * on a miss. Every {@code args[1]} seconds a burst of big temporary allocations presses the heap
 * (run it with a small heap, e.g. -Xmx96m), the collector clears the soft values and the cache
 * warms up again.
 */
public final class SoftReferenceCache {

    private SoftReferenceCache() {
    }

    public static void main(String[] args) throws Exception {
        int keys = ScenarioProgram.arg(args, 0, 5000);
        long burstMillis = ScenarioProgram.arg(args, 1, 8) * 1000L;
        Map<Integer, SoftReference<byte[]>> cache = new HashMap<>();
        Random random = new Random(11);
        long[] lastBurst = {0};
        ScenarioProgram.run(100, t -> {
            for (int i = 0; i < 150; i++) {
                int key = random.nextInt(keys);
                SoftReference<byte[]> ref = cache.get(key);
                if (ref == null || ref.get() == null) {
                    cache.put(key, new SoftReference<>(new byte[4096]));
                }
            }
            if (t - lastBurst[0] >= burstMillis) {
                lastBurst[0] = t;
                long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory()
                        - Runtime.getRuntime().freeMemory());
                byte[] burst = new byte[(int) Math.max(1 << 20, free - (4L << 20))];
                burst[0] = 1;
            }
            ScenarioProgram.garbage(64);
        });
    }
}
