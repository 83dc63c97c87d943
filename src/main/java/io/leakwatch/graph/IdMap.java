package io.leakwatch.graph;

import java.util.Arrays;

/**
 * Object id to object number (the object's place in the dump). Ids are sorted once for lookup
 * through a paged directory and a short scan; no hash table. When the dump is not in address order
 * each sorted entry packs the id's aligned offset with the object's number into one long, so the
 * map costs 8 bytes per object plus the directory; only for address ranges too wide to pack does a
 * separate int per object carry the numbers.
 */
final class IdMap {

    private static final int BUCKETS_PER_CHUNK_SHIFT = 14;

    private final long[] keys;
    private final int[] numbers;
    private final boolean packed;
    private final int idxBits;
    private final long idxMask;
    private final int align;
    private final long alignMask;
    private final long min;
    private final int n;
    private final int chunkShift;
    private final int bucketShift;
    private final long chunkMask;
    private final int[] chunkOf;
    private final int[] directory;

    /*
     * Ids are addresses: dense inside the heap's used regions, with wide gaps between them. So the
     * directory is paged: a top table of address chunks (1 M aligned units, or wider for huge
     * spans) points to the occupied chunks only, each with 16 K entries giving the first entry at
     * or above it. A lookup touches the top table, one directory entry and a few adjacent keys,
     * all near those of the previous lookup when references are local, as they mostly are.
     */
    private IdMap(long[] keys, int[] numbers, boolean packed, int idxBits, int align, long min) {
        this.keys = keys;
        this.numbers = numbers;
        this.packed = packed;
        this.idxBits = idxBits;
        this.idxMask = (1L << idxBits) - 1;
        this.align = align;
        this.alignMask = (1L << align) - 1;
        this.min = min;
        this.n = keys.length;
        long span = n == 0 ? 0 : value(n - 1);
        int cs = 20;
        long maxTop = Math.max(1 << 10, Math.min(1L << 24, 4L * n));
        while ((span >>> cs) >= maxTop) {
            cs++;
        }
        this.chunkShift = cs;
        this.bucketShift = cs - BUCKETS_PER_CHUNK_SHIFT;
        this.chunkMask = (1L << cs) - 1;
        chunkOf = new int[(int) (span >>> cs) + 1];
        Arrays.fill(chunkOf, -1);
        int chunks = 0;
        for (int i = 0; i < n; i++) {
            int c = (int) (value(i) >>> cs);
            if (chunkOf[c] < 0) {
                chunkOf[c] = chunks++;
            }
        }
        long dirSize = ((long) chunks << BUCKETS_PER_CHUNK_SHIFT) + 1;
        if (dirSize > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("object ids too scattered to index: " + chunks + " chunks");
        }
        directory = new int[(int) dirSize];
        int entry = 0;
        long low = (1L << cs) - 1;
        for (int i = 0; i < n; i++) {
            long v = value(i);
            int target = (chunkOf[(int) (v >>> cs)] << BUCKETS_PER_CHUNK_SHIFT) + (int) ((v & low) >>> bucketShift);
            while (entry <= target) {
                directory[entry++] = i;
            }
        }
        while (entry < directory.length) {
            directory[entry++] = n;
        }
    }

    private long value(int i) {
        return packed ? keys[i] >>> idxBits : (keys[i] - min) >>> align;
    }

    private int number(int i) {
        if (packed) {
            return (int) (keys[i] & idxMask);
        }
        return numbers == null ? i : numbers[i];
    }

    /**
     * Builds the map from ids in dump order; the array is reused.
     *
     * @param inOrder whether the ids are already ascending
     */
    static IdMap of(long[] idsInDumpOrder, boolean inOrder) {
        int n = idsInDumpOrder.length;
        if (inOrder) {
            return new IdMap(idsInDumpOrder, null, false, 0, 0, n == 0 ? 0 : idsInDumpOrder[0]);
        }
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
        if (min >= 0 && spanBits + idxBits <= 63) {
            for (int i = 0; i < n; i++) {
                idsInDumpOrder[i] = (((idsInDumpOrder[i] - min) >>> align) << idxBits) | i;
            }
            Arrays.parallelSort(idsInDumpOrder);
            return new IdMap(idsInDumpOrder, null, true, idxBits, align, min);
        }
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = i;
        }
        mergeSort(idsInDumpOrder, numbers);
        return new IdMap(idsInDumpOrder, numbers, false, 0, 0, idsInDumpOrder[0]);
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
            if (value(i) == value(i - 1)) {
                return packed ? (value(i) << align) + min : keys[i];
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
        if (d < 0 || n == 0 || (d & alignMask) != 0) {
            return -1;
        }
        long v = d >>> align;
        long c = v >>> chunkShift;
        if (c >= chunkOf.length) {
            return -1;
        }
        int chunk = chunkOf[(int) c];
        if (chunk < 0) {
            return -1;
        }
        int b = (chunk << BUCKETS_PER_CHUNK_SHIFT) + (int) ((v & chunkMask) >>> bucketShift);
        for (int i = directory[b], end = directory[b + 1]; i < end; i++) {
            long x = value(i);
            if (x == v) {
                return number(i);
            }
            if (x > v) {
                return -1;
            }
        }
        return -1;
    }
}
