/**
 * The attach adapter: reaches target JVMs and samples them.
 *
 * <h2>Use</h2>
 * The daemon makes one {@link io.leakwatch.attach.AttachTargetSamplerFactory} (with its
 * {@link java.time.Clock} and optionally {@link io.leakwatch.attach.AttachSettings}) and asks it
 * for a {@link io.leakwatch.sample.TargetSampler} per configured target. Capture asks the same
 * factory for a {@link io.leakwatch.attach.JvmConnection} to the JVM a sample came from
 * ({@code connect(selector, sample.identity(), options)}) and calls {@code dumpHeap}.
 *
 * <h2>Path to a JVM</h2>
 * Local selectors (pid, pid file, main-class pattern) attach with {@code jdk.attach}, start (or
 * find) the target's local management agent, detach, and connect JMX to the agent's loopback URL.
 * A JMX URL skips to the JMX step, over TLS when the target has {@code jmxTls}: the trust and
 * client keys then live in one daemon-wide default {@code SSLContext}, because the stubs a TLS
 * JMX agent exports open their sockets through the default factory (see {@code JmxSslContext} for
 * why and for the limits). The connection stays open between samples; a broken one is
 * replaced once within the sample, and the new JVM's identity (pid, start time) tells a restart.
 *
 * <h2>Timeouts and threads</h2>
 * Every remote step runs on a pool thread while the caller waits at most the attach or call
 * timeout. A call to a stopped JVM cannot be interrupted (it sits in a socket read), so:
 * <ul>
 *   <li>each JVM has a {@code CallGate}: at most one call in flight; while a
 *       timed-out call has not returned, further calls fail at once with TIMEOUT;</li>
 *   <li>after a timeout the connection is closed in the background, closes of one JVM running one
 *       at a time, so a hung JVM holds at most two threads however often it is sampled;</li>
 *   <li>the pool has a hard cap ({@link io.leakwatch.attach.AttachSettings#maxCallThreads()});</li>
 *   <li>RMI client sockets get connect and handshake timeouts, and
 *       {@code sun.rmi.transport.tcp.responseTimeout} frees a stuck thread eventually (set once per
 *       daemon, see {@code RmiClientTimeouts}; {@code HungCallReleaseIT} shows a stopped JVM's
 *       threads coming back);</li>
 *   <li>TLS sockets connect under the same timeout and finish their TLS handshake under the RMI
 *       handshake timeout before RMI uses them ({@code TimeoutSslSocketFactory}; {@code RemoteJmxTlsIT}
 *       shows a listener that never answers TLS timing out and its thread coming back);</li>
 *   <li>the JMX client's periodic connection check is off, since its thread would hang too.</li>
 * </ul>
 * A failing JVM then rests for the back-off; the sampler answers at once for it meanwhile.
 *
 * <h2>The sample</h2>
 * {@code GC.class_histogram} through the DiagnosticCommand MBean (its own full GC, no extra
 * {@code System.gc()}), live heap as the sum of the heap pools' collection usage, marker survivors
 * from {@code io.leakwatch:type=LeakMarkers}, and the pause from the target's safepoint counter;
 * see {@code JvmSampleTaker}.
 *
 * <h2>Allocation sites</h2>
 * {@link io.leakwatch.attach.JfrRecorder} drives the target's {@code FlightRecorderMXBean} over the
 * same connection and gate: a recording with only {@code jdk.OldObjectSample}, a {@code duration}
 * so it ends without the daemon, streamed back with {@code openStream}/{@code readStream} and
 * closed. A target without the MBean (a runtime without {@code jdk.management.jfr}) fails with
 * BAD_RESPONSE naming it.
 */
package io.leakwatch.attach;
