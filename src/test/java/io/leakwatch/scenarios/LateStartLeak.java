package io.leakwatch.scenarios;

import java.util.HashMap;
import java.util.Map;

/**
 * Leak that starts late: a steady service for {@code args[0]} seconds, then (a new code path) every
 * session is stored in a static map and never evicted, {@code args[1]} per second (about 1 KiB each).
 */
public final class LateStartLeak {

    static final Map<Long, Session> SESSIONS = new HashMap<>();

    record Session(long id, byte[] attributes) {
    }

    private LateStartLeak() {
    }

    public static void main(String[] args) throws Exception {
        long onsetMillis = ScenarioProgram.arg(args, 0, 20) * 1000L;
        int perSecond = ScenarioProgram.arg(args, 1, 60);
        long[] id = {0};
        ScenarioProgram.run(100, t -> {
            if (t >= onsetMillis) {
                for (int i = 0; i < perSecond / 10; i++) {
                    SESSIONS.put(id[0], new Session(id[0], new byte[1024]));
                    id[0]++;
                }
            }
            ScenarioProgram.garbage(128);
        });
    }
}
