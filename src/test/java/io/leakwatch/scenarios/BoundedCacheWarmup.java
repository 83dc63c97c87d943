package io.leakwatch.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Not a leak: an LRU cache of {@code args[0]} entries (1 KiB values) warming up under random
 * lookups over as many keys, {@code args[1]} lookups per second; misses fill it ever more slowly
 * (time constant capacity / rate), then it stays at its bound.
 */
public final class BoundedCacheWarmup {

    private BoundedCacheWarmup() {
    }

    public static void main(String[] args) throws Exception {
        int capacity = ScenarioProgram.arg(args, 0, 4000);
        int perSecond = ScenarioProgram.arg(args, 1, 800);
        Map<Integer, byte[]> cache = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > capacity;
            }
        };
        Random random = new Random(7);
        ScenarioProgram.run(100, t -> {
            for (int i = 0; i < perSecond / 10; i++) {
                cache.computeIfAbsent(random.nextInt(capacity), k -> new byte[1024]);
            }
            ScenarioProgram.garbage(64);
        });
    }
}
