package io.leakwatch.graph;

import java.util.Arrays;

/**
 * Object id to object number (the object's place in the dump). Ids are sorted once, with the
 * numbers riding along, and found through a directory of address buckets and a short search:
 * 8 bytes per object for the ids, 4 for the numbers (none when the dump is already in address
 * order), at most 2 for the directory, and no hash table.
 */
final class IdMap {

    private static final int BUCKETS_PER_CHUNK_SHIFT = 14;

    private final long[] ids;
    private final int[] numbers;
    private final int n;
    private final long min;
    private final int chunkShift;
    private final int bucketShift;
    private final int[] chunkOf;
    private final int[] directory;

    /*
     * Ids are addresses: dense inside the heap's used regions, with wide gaps between them. So the
     * directory is paged: a top table of address chunks (1 MB, or wider for huge spans) points to
     * the occupied chunks only, each with 16 K entries (one per 64 address bytes for 1 MB chunks)
     * giving the first rank at or above it. A lookup touches the top table, one directory entry and a few adjacent ids,
     * all near those of the previous lookup when references are local, as they mostly are.
     */
    private IdMap(long[] sortedIds, int[] numbers) {
        this.ids = sortedIds;
        this.numbers = numbers;
        this.n = sortedIds.length;
        this.min = n == 0 ? 0 : sortedIds[0];
        long span = n == 0 ? 0 : sortedIds[n - 1] - min;
        int cs = 20;
        long maxTop = Math.max(1 << 10, Math.min(1L << 24, 4L * n));
        while ((span >>> cs) >= maxTop) {
            cs++;
        }
        this.chunkShift = cs;
        this.bucketShift = cs - BUCKETS_PER_CHUNK_SHIFT;
        int topSize = (int) (span >>> cs) + 1;
        chunkOf = new int[topSize];
        Arrays.fill(chunkOf, -1);
        int perChunk = 1 << BUCKETS_PER_CHUNK_SHIFT;
        int chunks = 0;
        for (int i = 0; i < n; i++) {
            int c = (int) ((sortedIds[i] - min) >>> cs);
            if (chunkOf[c] < 0) {
                chunkOf[c] = chunks++;
            }
        }
        long dirSize = (long) chunks * perChunk + 1;
        if (dirSize > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("object ids too scattered to index: " + chunks + " chunks");
        }
        directory = new int[(int) dirSize];
        int entry = 0;
        for (int i = 0; i < n; i++) {
            long d = sortedIds[i] - min;
            int target = chunkOf[(int) (d >>> cs)] * perChunk + (int) ((d & ((1L << cs) - 1)) >>> bucketShift);
            while (entry <= target) {
                directory[entry++] = i;
            }
        }
        while (entry < directory.length) {
            directory[entry++] = n;
        }
    }

    /**
     * Builds the map from ids in dump order (the array is reused).
     *
     * @param inOrder whether the ids are already ascending
     * @return the map, or null when an id occurs twice (see {@link #duplicate})
     */
    static IdMap of(long[] idsInDumpOrder, boolean inOrder) {
        if (inOrder) {
            return new IdMap(idsInDumpOrder, null);
        }
        int n = idsInDumpOrder.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long bits = 0;
        for (long id : idsInDumpOrder) {
            min = Math.min(min, id);
            max = Math.max(max, id);
            bits |= id;
        }
        int align = bits == 0 ? 0 : Math.min(Long.numberOfTrailingZeros(bits), 16);
        int idxBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        long span = (max - min) >>> align;
        int spanBits = 64 - Long.numberOfLeadingZeros(span);
        int[] numbers = new int[n];
        if (min >= 0 && spanBits + idxBits <= 63) {
            // pack (address, number) into one long so a primitive parallel sort carries both
            long idxMask = (1L << idxBits) - 1;
            for (int i = 0; i < n; i++) {
                idsInDumpOrder[i] = (((idsInDumpOrder[i] - min) >>> align) << idxBits) | i;
            }
            Arrays.parallelSort(idsInDumpOrder);
            for (int i = 0; i < n; i++) {
                long v = idsInDumpOrder[i];
                numbers[i] = (int) (v & idxMask);
                idsInDumpOrder[i] = ((v >>> idxBits) << align) + min;
            }
        } else {
            for (int i = 0; i < n; i++) {
                numbers[i] = i;
            }
            mergeSort(idsInDumpOrder, numbers);
        }
        return new IdMap(idsInDumpOrder, numbers);
    }

    /** Bottom-up merge sort of ids carrying their numbers; for address ranges too wide to pack. */
    private static void mergeSort(long[] ids, int[] nums) {
        int n = ids.length;
        long[] ti = new long[n];
        int[] tn = new int[n];
        long[] si = ids;
        int[] sn = nums;
        for (int w = 1; w < n; w <<= 1) {
            for (int lo = 0; lo < n; lo += 2 * w) {
                int mid = Math.min(lo + w, n);
                int hi = Math.min(lo + 2 * w, n);
                int a = lo;
                int b = mid;
                int o = lo;
                while (a < mid && b < hi) {
                    if (si[a] <= si[b]) {
                        ti[o] = si[a];
                        tn[o++] = sn[a++];
                    } else {
                        ti[o] = si[b];
                        tn[o++] = sn[b++];
                    }
                }
                while (a < mid) {
                    ti[o] = si[a];
                    tn[o++] = sn[a++];
                }
                while (b < hi) {
                    ti[o] = si[b];
                    tn[o++] = sn[b++];
                }
            }
            long[] x = si;
            si = ti;
            ti = x;
            int[] y = sn;
            sn = tn;
            tn = y;
        }
        if (si != ids) {
            System.arraycopy(si, 0, ids, 0, n);
            System.arraycopy(sn, 0, nums, 0, n);
        }
    }

    /** An id that occurs twice, or 0 when all are distinct. */
    long duplicate() {
        for (int i = 1; i < n; i++) {
            if (ids[i] == ids[i - 1]) {
                return ids[i];
            }
        }
        return 0;
    }

    int size() {
        return n;
    }

    /** The number of the object with {@code id}, or -1 when no object has it. */
    int indexOf(long id) {
        long d = id - min;
        if (d < 0 || n == 0) {
            return -1;
        }
        long c = d >>> chunkShift;
        if (c >= chunkOf.length) {
            return -1;
        }
        int chunk = chunkOf[(int) c];
        if (chunk < 0) {
            return -1;
        }
        int b = (chunk << BUCKETS_PER_CHUNK_SHIFT) + (int) ((d & ((1L << chunkShift) - 1)) >>> bucketShift);
        for (int i = directory[b], end = directory[b + 1]; i < end; i++) {
            long v = ids[i];
            if (v == id) {
                return numbers == null ? i : numbers[i];
            }
            if (v > id) {
                return -1;
            }
        }
        return -1;
    }
}
