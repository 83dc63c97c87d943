/**
 * The marker API applications embed: a single dependency-free jar, Java 8 bytecode.
 *
 * <p>{@link io.leakwatch.markers.LeakMarkers#expectGone} keeps a {@link io.leakwatch.markers.MarkRef}
 * (a weak reference with the label and the mark time) in a lock-free set per label. The GC clears
 * the reference when the object dies and puts it on a reference queue, which is drained a few
 * entries per mark and fully on each read, so memory stays proportional to the marked objects
 * still alive. The MXBean {@code io.leakwatch:type=LeakMarkers} publishes, per label, how many
 * marked objects are still reachable and the age of the oldest; the daemon reads it right after
 * forcing a GC, and its HPROF analysis finds the survivors as referents of {@code MarkRef}s.
 *
 * <p>{@link io.leakwatch.markers.AgentMarks} is what the LeakWatch agent's bytecode advice calls;
 * the MXBean's {@code AgentMarking} attribute switches those marks off at run time.
 */
package io.leakwatch.markers;
