/**
 * The heap graph: a compact, read-only index over a dump (pure).
 *
 * <p>{@link io.leakwatch.graph.HeapIndexBuilder} makes two passes (each over the two halves of the
 * heap segments at once when two threads are allowed): pass one keeps strings, classes, roots,
 * frames and every object id; the ids are sorted for lookup (packed with the object numbers, with a
 * paged directory over the address space instead of a hash table). Pass two records positions, type
 * statistics, the instances of the requested types, marker references, and each object's strong
 * references into CSR arrays.
 *
 * <p>Memory: while building, 8 bytes per object for the sorted ids, about 4 for positions, 4 for
 * offsets, 4 per reference slot, and the directory (64 KB per MB of used heap address space). The
 * index that remains holds positions, offsets and references only (about 8 bytes per object plus 4
 * per reference slot); types, sizes, field names and values are read back from the dump on demand.
 */
package io.leakwatch.graph;
