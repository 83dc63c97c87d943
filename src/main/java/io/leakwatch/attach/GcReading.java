package io.leakwatch.attach;

/**
 * What the target's own collectors last reported, read without causing a pause.
 *
 * @param liveHeapBytes heap in use right after the newest collection (summed over the heap pools of
 *                      that collection's {@code memoryUsageAfterGc}); the heap in use now, garbage
 *                      included, when no collection has reported yet
 * @param collector     the memory manager of that collection ({@code G1 Young Generation}, ...),
 *                      empty when none reported yet
 * @param collections   collections so far over all the target's memory managers; a new value means
 *                      a new figure
 * @param heapMaxBytes  the maximum heap, 0 when the JVM has none defined
 */
record GcReading(long liveHeapBytes, String collector, long collections, long heapMaxBytes) {
}
