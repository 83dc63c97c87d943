package io.leakwatch.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Leak: tasks on a pooled thread append their trace to a thread-local list that is never cleared;
 * the pool's workers live forever, so every trace stays reachable through
 * {@code Thread.threadLocals}. {@code args[0]} tasks per second (1 KiB trace each), 4 workers.
 */
public final class ThreadLocalLeak {

    private static final ThreadLocal<List<byte[]>> TRACE = ThreadLocal.withInitial(ArrayList::new);

    private ThreadLocalLeak() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = ScenarioProgram.arg(args, 0, 60);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "request-worker");
            t.setDaemon(true);
            return t;
        });
        ScenarioProgram.run(100, t -> {
            for (int i = 0; i < perSecond / 10; i++) {
                pool.execute(() -> {
                    TRACE.get().add(new byte[1024]);
                    ScenarioProgram.garbage(8);
                });
            }
        });
    }
}
