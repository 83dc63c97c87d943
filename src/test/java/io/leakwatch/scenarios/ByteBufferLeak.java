package io.leakwatch.scenarios;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Leak: response buffers are queued for a retry that never happens, so the queue of byte[] only
 * grows; around it, buffers of every size are allocated and dropped. {@code args[0]} leaked
 * 16 KiB buffers per second.
 */
public final class ByteBufferLeak {

    static final Deque<byte[]> PENDING = new ArrayDeque<>();

    private ByteBufferLeak() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = ScenarioProgram.arg(args, 0, 5);
        long[] tick = {0};
        ScenarioProgram.run(100, t -> {
            if (tick[0]++ % Math.max(1, 10 / perSecond) == 0) {
                PENDING.add(new byte[16 * 1024]);
            }
            for (int size = 512; size <= 256 * 1024; size *= 2) {
                byte[] response = new byte[size];
                response[0] = 1;
            }
        });
    }
}
