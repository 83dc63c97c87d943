package io.leakwatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A target that does not leak: a bounded LRU cache that warms up to {@code args[0]} entries of 1 KiB
 * in its first two seconds, then keeps serving (replacing entries) at the same size, with request
 * garbage. Exits when its standard input closes.
 */
public final class WarmingCache {

    private static final class Entry {
        private final long key;
        private final byte[] value = new byte[1024];

        Entry(long key) {
            this.key = key;
            value[0] = (byte) key;
        }
    }

    private WarmingCache() {
    }

    public static void main(String[] args) throws Exception {
        int capacity = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Map<Long, Entry> cache = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > capacity;
            }
        };
        Thread server = new Thread(() -> {
            long key = 0;
            long perTick = capacity / 20;
            while (true) {
                synchronized (cache) {
                    for (int i = 0; i < perTick; i++) {
                        cache.put(key, new Entry(key));
                        key++;
                    }
                }
                StringBuilder garbage = new StringBuilder();
                for (int i = 0; i < 200; i++) {
                    garbage.append("request-").append(i);
                }
                if (garbage.length() < 0) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cache-server");
        server.setDaemon(true);
        server.start();
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // only the end of input matters
        }
        System.exit(0);
    }
}
