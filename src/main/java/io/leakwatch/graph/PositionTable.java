package io.leakwatch.graph;

/**
 * Where each object's record starts in the dump. When records arrive in object-number order
 * (the usual case: HotSpot walks the heap in address order) a position costs 4 bytes: an unsigned
 * offset from the first record of its block of 256; otherwise a plain long per object.
 */
final class PositionTable {

    private static final int BLOCK_SHIFT = 8;

    private final long[] bases;
    private final int[] deltas;
    private final long[] plain;

    PositionTable(int n, boolean compact) {
        if (compact) {
            bases = new long[(n >>> BLOCK_SHIFT) + 1];
            deltas = new int[n];
            plain = null;
        } else {
            bases = null;
            deltas = null;
            plain = new long[n];
        }
    }

    /** Records the position of object {@code k}; in compact mode objects arrive in order. */
    void set(int k, long pos) {
        if (plain != null) {
            plain[k] = pos;
            return;
        }
        int block = k >>> BLOCK_SHIFT;
        if ((k & ((1 << BLOCK_SHIFT) - 1)) == 0) {
            bases[block] = pos;
        }
        long delta = pos - bases[block];
        if (delta < 0 || delta > 0xFFFFFFFFL) {
            throw new IllegalStateException("object " + k + " lies " + delta + " bytes from its block start;"
                    + " objects above 16 MB each in one block of 256 are not supported");
        }
        deltas[k] = (int) delta;
    }

    long get(int k) {
        if (plain != null) {
            return plain[k];
        }
        return bases[k >>> BLOCK_SHIFT] + (deltas[k] & 0xFFFFFFFFL);
    }
}
