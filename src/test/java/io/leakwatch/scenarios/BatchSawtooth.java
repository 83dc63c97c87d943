package io.leakwatch.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Not a leak: a batch job collects records for {@code args[0]} milliseconds (about
 * {@code args[1]} KiB per second), processes them and drops the batch, again and again.
 */
public final class BatchSawtooth {

    private BatchSawtooth() {
    }

    public static void main(String[] args) throws Exception {
        int periodMillis = ScenarioProgram.arg(args, 0, 3000);
        int kibPerSecond = ScenarioProgram.arg(args, 1, 1024);
        List<byte[]> batch = new ArrayList<>();
        long[] batchStart = {0};
        ScenarioProgram.run(100, t -> {
            if (t - batchStart[0] >= periodMillis) {
                batch.clear();
                batchStart[0] = t;
            }
            for (int i = 0; i < kibPerSecond / 10 / 4; i++) {
                batch.add(new byte[4096]);
            }
            ScenarioProgram.garbage(32);
        });
    }
}
