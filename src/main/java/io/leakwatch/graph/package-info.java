/**
 * The heap graph: a compact, read-only index over a dump (pure).
 *
 * <p>{@link io.leakwatch.graph.HeapIndexBuilder} makes two passes (each over the two halves of the
 * heap segments at once when two threads are allowed): pass one keeps strings, classes, roots,
 * frames and every object id, in dump order, which numbers the objects. Ids are found through a
 * paged directory of 16-unit address buckets: HotSpot dumps each heap region in address order, so
 * the directory points straight into the dump-order ids and nothing is sorted (objects dumped apart
 * from their region, like class objects, go to a small sorted side table); dumps that break the rule
 * get their ids sorted, packed with the object numbers. Pass two records positions, type statistics,
 * the instances of the requested types, marker references, and each object's strong references
 * into CSR arrays.
 *
 * <p>Memory: while building, 8 bytes per object for the ids, about 4 for positions, 4 for offsets,
 * 4 per reference slot, and the directory (about 5 bytes per 128 bytes of used heap addresses). The
 * index that remains holds positions, offsets and references only (about 8 bytes per object plus 4
 * per reference slot); types, sizes, field names and values are read back from the dump on demand.
 */
package io.leakwatch.graph;
