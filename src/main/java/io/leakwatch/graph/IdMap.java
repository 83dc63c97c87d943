package io.leakwatch.graph;

/**
 * Object id to dense number: the rank of the id among all ids, found through a directory of
 * address buckets then a short search. 8 bytes per object plus at most 2 for the directory; no
 * hash table, and ranks keep the heap's address order.
 */
final class IdMap {

    private final long[] ids;
    private final int n;
    private final long min;
    private final int shift;
    private final int[] directory;

    /** @param sortedIds distinct ids in ascending (unsigned-safe: ids are non-negative) order */
    IdMap(long[] sortedIds, int n) {
        this.ids = sortedIds;
        this.n = n;
        this.min = n == 0 ? 0 : sortedIds[0];
        long span = n == 0 ? 0 : sortedIds[n - 1] - min;
        int s = 0;
        long buckets = Math.max(1, n / 2);
        while ((span >>> s) >= buckets) {
            s++;
        }
        this.shift = s;
        int nb = (int) (span >>> s) + 2;
        directory = new int[nb];
        int b = 0;
        for (int i = 0; i < n; i++) {
            int bi = (int) ((sortedIds[i] - min) >>> s);
            while (b <= bi) {
                directory[b++] = i;
            }
        }
        while (b < nb) {
            directory[b++] = n;
        }
    }

    int size() {
        return n;
    }

    long idAt(int rank) {
        return ids[rank];
    }

    /** The rank of {@code id}, or -1 when no object has it. */
    int indexOf(long id) {
        long d = id - min;
        if (d < 0 || n == 0) {
            return -1;
        }
        long b = d >>> shift;
        if (b >= directory.length - 1) {
            return -1;
        }
        int lo = directory[(int) b];
        int hi = directory[(int) b + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = ids[mid];
            if (v < id) {
                lo = mid + 1;
            } else if (v > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
