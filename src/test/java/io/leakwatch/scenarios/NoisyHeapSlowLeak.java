package io.leakwatch.scenarios;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Leak: a slow one in a large, noisy heap. About {@code args[0]} MiB of long-lived reference data,
 * a working set of in-flight requests whose size jumps around from sample to sample (0 to 8 MiB),
 * plenty of garbage, and an audit trail that keeps {@code args[1]} records (about 250 bytes) per
 * second forever (about 130 bytes each with its user name): a tenth of a percent of the heap per sample.
 */
public final class NoisyHeapSlowLeak {

    static final List<AuditRecord> AUDIT = new ArrayList<>();
    private static final Map<Integer, String> REFERENCE = new HashMap<>();

    /** What an audit entry keeps: about 80 bytes of its own, plus the user name. */
    record AuditRecord(long at, String user, long session, long tenant, long action, long result, long elapsed,
                       long bytesIn, long bytesOut) {
    }

    private NoisyHeapSlowLeak() {
    }

    public static void main(String[] args) throws Exception {
        int referenceMib = ScenarioProgram.arg(args, 0, 48);
        int perSecond = ScenarioProgram.arg(args, 1, 400);
        for (int i = 0; i < referenceMib * 1024 * 1024 / 112; i++) {
            REFERENCE.put(i, "reference-entry-" + i);
        }
        Random random = new Random(42);
        List<byte[]> inFlight = new ArrayList<>();
        long[] n = {0};
        ScenarioProgram.run(100, t -> {
            for (int i = 0; i < perSecond / 10; i++) {
                long k = n[0]++;
                AUDIT.add(new AuditRecord(t, "user-" + k % 5000, k, k % 17, k % 5, 0, t % 1000, k * 3, k * 7));
            }
            inFlight.clear();
            int kib = random.nextInt(8 * 1024);
            for (int i = 0; i < kib / 64; i++) {
                inFlight.add(new byte[64 * 1024]);
            }
            ScenarioProgram.garbage(2048);
            REFERENCE.get(random.nextInt(REFERENCE.size()));
        });
    }
}
