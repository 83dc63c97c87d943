/**
 * Sample history per target, kept on disk so a restarted daemon can re-seed the growth tracker.
 *
 * <p>{@link io.leakwatch.history.HistoryStore} writes one append-only file per target under
 * {@code <data dir>/history/}. The format is our own and small: a 4-byte header, then per sample a
 * frame {@code [payload length][CRC-32][payload]} (see {@code RecordCodec}). An append-only log
 * with per-record CRCs was chosen over rewriting a JSON file per sample: a sample costs one small
 * write and one fsync, a crash can only cut the last frame, and that cut is recognisable.
 * Rewrites (retention, repair) use a forced temporary file and an atomic move.
 *
 * <p>Only what detection needs is stored ({@link io.leakwatch.history.HistoryRecord}): time,
 * process identity, live heap, and instances and bytes of the tracked types. A stored history is
 * turned back into samples with {@code HistoryRecord.toSample(target)} and fed to
 * {@code GrowthTracker.replay}; the tracker drops records of earlier processes by itself.
 *
 * <p>Damage is reported as a value ({@link io.leakwatch.history.HistoryProblem}) for the caller to
 * log, with the damaged original set aside as {@code *.corrupt-<timestamp>}. One writer per target.
 */
package io.leakwatch.history;
