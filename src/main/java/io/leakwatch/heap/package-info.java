/**
 * The file adapter of the HPROF engine and the façade other parts call:
 * {@link io.leakwatch.heap.DumpAnalyzer#analyze(java.nio.file.Path, io.leakwatch.analysis.AnalysisRequest,
 * io.leakwatch.hprof.ProgressListener)}. Dumps are memory-mapped ({@link io.leakwatch.heap.MappedFileSource},
 * 1 GiB windows, so any size works); .hprof.gz dumps are inflated first into a temp file of mode 0600
 * that is deleted afterwards.
 */
package io.leakwatch.heap;
