package io.leakwatch.graph;

import java.util.Arrays;

/**
 * Object id to object number (the object's place in the dump), through a paged directory of small
 * address buckets and a short scan; no hash table.
 *
 * <p>HotSpot dumps the heap region by region, each in address order, so the objects of one small
 * bucket of addresses lie next to each other in the dump, ascending. Then the directory simply
 * points into the ids in dump order (with a count per bucket) and nothing is sorted. When a dump
 * breaks that rule the ids are sorted: each sorted entry packs the id's aligned offset with the
 * object's number into one long (8 bytes per object); only for address ranges too wide to pack
 * does a separate int per object carry the numbers.
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
    /** Objects per bucket when the directory points into dump order; null when sorted. */
    private final byte[] counts;
    /** In dump-order mode, ids that sit apart from the rest of their bucket (class objects), sorted. */
    private final long[] strayIds;
    private final int[] strayNumbers;

    /*
     * Ids are addresses: dense inside the heap's used regions, with wide gaps between them. So the
     * directory is paged: a top table of address chunks (1 M aligned units, or wider for huge
     * spans) points to the occupied chunks only, each with 16 K entries giving the first entry at
     * or above it. A lookup touches the top table, one directory entry and a few adjacent keys,
     * all near those of the previous lookup when references are local, as they mostly are.
     */
    private IdMap(long[] keys, int align, long min, int chunkShift, int[] chunkOf, int[] directory, byte[] counts,
                  long[] strayIds, int[] strayNumbers) {
        this.strayIds = strayIds;
        this.strayNumbers = strayNumbers;
        this.keys = keys;
        this.numbers = null;
        this.packed = false;
        this.idxBits = 0;
        this.idxMask = 0;
        this.align = align;
        this.alignMask = (1L << align) - 1;
        this.min = min;
        this.n = keys.length;
        this.chunkShift = chunkShift;
        this.bucketShift = chunkShift - BUCKETS_PER_CHUNK_SHIFT;
        this.chunkMask = (1L << chunkShift) - 1;
        this.chunkOf = chunkOf;
        this.directory = directory;
        this.counts = counts;
    }

    private IdMap(long[] keys, int[] numbers, boolean packed, int idxBits, int align, long min) {
        this.counts = null;
        this.strayIds = null;
        this.strayNumbers = null;
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
        int cs = chunkShiftFor(span, n);
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

    /** Chunks of 2^18 aligned units (buckets of 16), wider only when the span would need a huge top table. */
    private static int chunkShiftFor(long span, int n) {
        int cs = 18;
        long maxTop = Math.max(1 << 10, Math.min(1L << 24, 4L * n));
        while ((span >>> cs) >= maxTop) {
            cs++;
        }
        return cs;
    }

    /**
     * The directory straight over ids in dump order, or null when some bucket's objects are not
     * adjacent and ascending in the dump (then the ids must be sorted).
     */
    private static IdMap direct(long[] ids, long min, long max, int align) {
        int n = ids.length;
        long span = (max - min) >>> align;
        int cs = chunkShiftFor(span, n);
        int bucketShift = cs - BUCKETS_PER_CHUNK_SHIFT;
        long chunkMask = (1L << cs) - 1;
        int[] chunkOf = new int[(int) (span >>> cs) + 1];
        Arrays.fill(chunkOf, -1);
        int chunks = 0;
        for (long id : ids) {
            int c = (int) (((id - min) >>> align) >>> cs);
            if (chunkOf[c] < 0) {
                chunkOf[c] = chunks++;
            }
        }
        long dirSize = (long) chunks << BUCKETS_PER_CHUNK_SHIFT;
        if (dirSize > Integer.MAX_VALUE - 16) {
            return null;
        }
        int[] directory = new int[(int) dirSize];
        byte[] counts = new byte[(int) dirSize];
        // HotSpot writes class objects first, apart from the heap region they live in: strays
        int maxStrays = Math.max(1024, n / 32);
        long[] strayIds = new long[64];
        int[] strayNumbers = new int[64];
        int strays = 0;
        for (int i = 0; i < n; i++) {
            long v = (ids[i] - min) >>> align;
            int b = (chunkOf[(int) (v >>> cs)] << BUCKETS_PER_CHUNK_SHIFT) + (int) ((v & chunkMask) >>> bucketShift);
            int c = counts[b] & 0xFF;
            if (c == 0) {
                directory[b] = i;
                counts[b] = 1;
            } else if (c < 255 && directory[b] + c == i && ids[i] > ids[i - 1]) {
                counts[b] = (byte) (c + 1);
            } else {
                if (strays == maxStrays) {
                    return null;
                }
                if (strays == strayIds.length) {
                    strayIds = Arrays.copyOf(strayIds, strays * 2);
                    strayNumbers = Arrays.copyOf(strayNumbers, strays * 2);
                }
                strayIds[strays] = ids[i];
                strayNumbers[strays++] = i;
            }
        }
        strayIds = Arrays.copyOf(strayIds, strays);
        strayNumbers = Arrays.copyOf(strayNumbers, strays);
        mergeSort(strayIds, strayNumbers);
        IdMap map = new IdMap(ids, align, min, cs, chunkOf, directory, counts, strayIds, strayNumbers);
        for (int i = 0; i < strays; i++) {
            if ((i > 0 && strayIds[i] == strayIds[i - 1]) || map.inBuckets(strayIds[i]) >= 0) {
                return null;
            }
        }
        return map;
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
        if (min >= 0) {
            IdMap direct = direct(idsInDumpOrder, min, max, align);
            if (direct != null) {
                return direct;
            }
        }
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
        if (counts != null) {
            // building checked that each bucket's ids ascend strictly, and buckets do not overlap
            return 0;
        }
        for (int i = 1; i < n; i++) {
            if (value(i) == value(i - 1)) {
                return packed ? (value(i) << align) + min : keys[i];
            }
        }
        return 0;
    }

    /** In dump-order mode, the number of {@code id} found in its bucket only, or -1. */
    private int inBuckets(long id) {
        long v = (id - min) >>> align;
        int chunk = chunkOf[(int) (v >>> chunkShift)];
        int b = (chunk << BUCKETS_PER_CHUNK_SHIFT) + (int) ((v & chunkMask) >>> bucketShift);
        for (int i = directory[b], end = i + (counts[b] & 0xFF); i < end; i++) {
            if (keys[i] == id) {
                return i;
            }
        }
        return -1;
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
        if (counts != null) {
            for (int i = directory[b], end = i + (counts[b] & 0xFF); i < end; i++) {
                long x = keys[i];
                if (x == id) {
                    return i;
                }
                if (x > id) {
                    break;
                }
            }
            if (strayIds.length == 0) {
                return -1;
            }
            int s = Arrays.binarySearch(strayIds, id);
            return s >= 0 ? strayNumbers[s] : -1;
        }
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
