/**
 * The file adapter of the HPROF engine and the façade other parts call:
 * {@link io.leakwatch.heap.DumpAnalyzer#analyze(java.nio.file.Path, io.leakwatch.analysis.AnalysisRequest,
 * io.leakwatch.hprof.ProgressListener)}. Dumps are memory-mapped ({@link io.leakwatch.heap.MappedFileSource},
 * 1 GiB windows, so any size works); .hprof.gz dumps are inflated first into a temp file of mode 0600
 * that is deleted afterwards.
 *
 * <p>Captures are analyzed in a child JVM by default ({@link io.leakwatch.heap.ChildJvmCaptureAnalyzer}
 * starting {@link io.leakwatch.heap.AnalysisChildMain}, which runs the in-process
 * {@link io.leakwatch.heap.HprofCaptureAnalyzer} unchanged and hands back its result as JSON in a
 * 0600 file beside the reports): the index of a multi-GB dump needs up to about 1 GB of heap that the
 * daemon, sampling every target with a small heap, should not hold, and an OutOfMemoryError, crash
 * or long GC pause there cannot delay the daemon's sampling. The child writes the reports itself;
 * the capture directory is 0700 and the capture service sets 0600 on every file in it afterwards,
 * as for the in-process analysis.
 *
 * <p>The second capture of a target compares itself with the previous one
 * ({@link io.leakwatch.heap.PreviousCapture}: the newest sibling capture directory of the same target
 * whose report.json carries a {@code pathTree}) and writes {@code growth.txt}, {@code growth.json}
 * and {@code growth.html}; the summary line, which the alert carries, names the node that grew most.
 */
package io.leakwatch.heap;
