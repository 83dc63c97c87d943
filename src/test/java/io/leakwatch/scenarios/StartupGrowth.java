package io.leakwatch.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Not a leak: the service loads {@code args[0]} MiB of reference data over its first
 * {@code args[1]} seconds, then serves from it without growing.
 */
public final class StartupGrowth {

    private static final List<byte[]> REFERENCE = new ArrayList<>();

    private StartupGrowth() {
    }

    public static void main(String[] args) throws Exception {
        int mib = ScenarioProgram.arg(args, 0, 24);
        long loadMillis = ScenarioProgram.arg(args, 1, 4) * 1000L;
        int chunks = mib * 16;
        ScenarioProgram.run(100, t -> {
            long due = Math.min(chunks, chunks * t / loadMillis);
            while (REFERENCE.size() < due) {
                REFERENCE.add(new byte[64 * 1024]);
            }
            ScenarioProgram.garbage(64);
        });
    }
}
