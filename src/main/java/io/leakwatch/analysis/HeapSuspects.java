package io.leakwatch.analysis;

import java.util.List;

/**
 * The leak suspects of a whole heap.
 *
 * @param reachableBytes  bytes the strong paths from the GC roots keep alive
 * @param reachableObjects objects they reach
 * @param thresholdShare  the share of reachableBytes an accumulation point must keep to be a suspect
 * @param suspects        suspects, most retained bytes first (JDK-internal ones only when asked for)
 * @param hiddenJdk       JDK-internal suspects left out because the request did not ask for them
 */
public record HeapSuspects(long reachableBytes, long reachableObjects, double thresholdShare,
                           List<LeakSuspect> suspects, int hiddenJdk) {

    public HeapSuspects {
        suspects = List.copyOf(suspects);
    }
}
