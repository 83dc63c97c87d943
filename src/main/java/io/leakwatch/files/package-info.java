/**
 * How LeakWatch writes its own files, in one place: {@link io.leakwatch.files.PrivateFiles} (modes
 * 0600 and 0700 set at creation, replace by write-temporary, fsync, rename, fsync of the directory),
 * the one JSON mapper ({@link io.leakwatch.files.Json}) and the one timestamp used in file names
 * ({@link io.leakwatch.files.FileStamps}). Heap dumps, reports, captures, the outbox and the
 * history all hold what a target had in memory or what it is doing, so none is ever readable by
 * other users, and a crash leaves either the old file or the new one, never half of one.
 */
package io.leakwatch.files;
