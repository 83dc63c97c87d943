/**
 * Heap-dump capture for targets confirmed as leaking.
 *
 * <p>{@link io.leakwatch.capture.CaptureService#capture} runs, one capture at a time for the host:
 * <ol>
 *   <li>guards from {@link io.leakwatch.capture.CapturePolicy}: at most one capture per target per
 *       {@code minInterval} (restored from the records after a restart), and one recheck within it
 *       when the caller asks (a capture that explained little of the growth); the capture root must be a
 *       0700 directory of the daemon's user; the expected dump (used heap × {@code dumpSizeFactor})
 *       must fit in the quota (oldest captures are deleted to make room; a dump larger than the whole
 *       quota is refused) and in the free space minus the reserve;</li>
 *   <li>the dump, through the {@link io.leakwatch.capture.HeapDumper} port
 *       ({@code io.leakwatch.attach.JvmHeapDumper}: HotSpotDiagnostic {@code dumpHeap(path, true)}
 *       under a timeout). The target writes {@code heap.partial.hprof} (HotSpot insists on the
 *       {@code .hprof} suffix), renamed to {@code heap.hprof} once complete;</li>
 *   <li>the analysis and reports, through the {@link io.leakwatch.capture.CaptureAnalyzer} port;</li>
 *   <li>{@link io.leakwatch.capture.KeepDumps}: the dump is deleted, kept, or gzip-kept;</li>
 *   <li>the record, {@code capture.json}, written last (see {@link io.leakwatch.capture.CaptureStore}).</li>
 * </ol>
 *
 * <p>Layout: {@code <capture root>/<target>-<yyyyMMdd'T'HHmmss'Z'>-<pid>/} holds the dump, the
 * reports and {@code capture.json}; directories are 0700 and files 0600. At start-up, files named
 * {@code *.partial*} and capture directories without a record (an interrupted capture) are deleted.
 * A failed dump leaves a record with the failure and no dump file; a timed-out dump leaves nothing,
 * not even its directory, so that a late write by the target fails instead of leaving a stray file.
 *
 * <p>Containers: the target process writes the dump, so the path is one in its mount namespace.
 * {@link io.leakwatch.capture.TargetFilesystem} compares the target's {@code /proc/<pid>/root} (inode)
 * and {@code /proc/<pid>/ns/mnt} with the daemon's; when they differ, or the target runs as another
 * user who could not write into the private capture directory, the target writes into its own
 * {@code java.io.tmpdir} and the daemon moves the file through {@code /proc/<pid>/root}. Free space
 * is then checked on both file systems. (A target-side absolute symlink inside that tmpdir path would
 * be resolved against the daemon's root; container tmp directories rarely are such links.)
 *
 * <p>{@link io.leakwatch.capture.ReportFiles} resolves {@code /reports/...} requests to report files
 * inside the capture root for the HTTP layer, and never serves dumps.
 */
package io.leakwatch.capture;
