package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.JMX;
import javax.management.ObjectName;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;

/**
 * Old-object sampling on a target through its {@code FlightRecorderMXBean}, over the JMX connection
 * the daemon already has, so it works for attached and remote JVMs alike. A recording has only
 * {@code jdk.OldObjectSample} enabled (allocation stacks on, no paths to GC roots: the heap dump
 * gives those), a {@code duration} so it stops by itself if the daemon dies, and is read back with
 * {@code openStream}/{@code readStream}: nothing is written to the target's disk besides JFR's own
 * repository chunks, which go when the recording is closed. Every step is a remote call under the
 * connection's call timeout.
 */
public final class JfrRecorder {

    static final ObjectName FLIGHT_RECORDER = JvmConnection.name("jdk.management.jfr:type=FlightRecorder");
    /** The name of LeakWatch's recordings, so one left by a daemon that died is found and replaced. */
    public static final String RECORDING_NAME = "leakwatch-allocation-sites";
    private static final Map<String, String> SETTINGS = Map.of(
            "jdk.OldObjectSample#enabled", "true",
            "jdk.OldObjectSample#stackTrace", "true",
            "jdk.OldObjectSample#cutoff", "0 ns");

    private final JvmConnection connection;
    private final FlightRecorderMXBean bean;

    /** Over an open connection; the caller closes the connection. */
    public JfrRecorder(JvmConnection connection) {
        this.connection = connection;
        this.bean = JMX.newMXBeanProxy(connection.server(), FLIGHT_RECORDER, FlightRecorderMXBean.class);
    }

    /**
     * Starts a recording of old-object samples that ends by itself after {@code duration}; a
     * recording of LeakWatch's already there (from a daemon that died) is closed first, so a target
     * has at most one.
     *
     * @return the recording's id
     * @throws JvmCallException BAD_RESPONSE when the target has no Flight Recorder (or refuses it)
     */
    public long start(Duration duration) throws JvmCallException {
        String what = "start a JFR recording on pid " + connection.identity().pid();
        return connection.call(what, connection.callTimeout(), () -> {
            if (!connection.server().isRegistered(FLIGHT_RECORDER)) {
                throw new JvmCallException(FailureKind.BAD_RESPONSE, what + ": the JVM has no " + FLIGHT_RECORDER
                        + " MBean (no Flight Recorder)");
            }
            for (RecordingInfo r : bean.getRecordings()) {
                if (RECORDING_NAME.equals(r.getName())) {
                    bean.closeRecording(r.getId());
                }
            }
            long id = bean.newRecording();
            try {
                bean.setRecordingOptions(id, Map.of("name", RECORDING_NAME,
                        "duration", Math.max(1, duration.toSeconds()) + " s",
                        "maxAge", Math.max(1, duration.toSeconds()) + " s"));
                bean.setRecordingSettings(id, SETTINGS);
                bean.startRecording(id);
            } catch (RuntimeException e) {
                bean.closeRecording(id);
                throw e;
            }
            return id;
        });
    }

    /**
     * Stops recording {@code id} when it still runs (that writes the samples), streams it into a new
     * 0600 file in {@code directory}, and closes it on the target.
     *
     * @return the recording file; the caller deletes it
     * @throws JvmCallException when the recording is gone (the JVM restarted, someone closed it) or a
     *                          call fails; the local file is then deleted
     */
    public Path collect(long id, Path directory) throws JvmCallException, IOException {
        long pid = connection.identity().pid();
        Optional<RecordingInfo> info = connection.call("list JFR recordings of pid " + pid, connection.callTimeout(),
                () -> bean.getRecordings().stream().filter(r -> r.getId() == id).findFirst());
        if (info.isEmpty()) {
            throw new JvmCallException(FailureKind.BAD_RESPONSE, "JFR recording " + id + " of pid " + pid + " is gone");
        }
        if (info.get().getState().equals("RUNNING")) {
            connection.call("stop JFR recording " + id + " of pid " + pid, connection.callTimeout(),
                    () -> bean.stopRecording(id));
        }
        Path file = Files.createTempFile(directory, "leakwatch-", ".jfr",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            long stream = connection.call("open a stream of JFR recording " + id, connection.callTimeout(),
                    () -> bean.openStream(id, null));
            try {
                byte[] block;
                while ((block = connection.call("read JFR recording " + id, connection.callTimeout(),
                        () -> bean.readStream(stream))) != null) {
                    out.write(block);
                }
            } finally {
                connection.call("close the stream of JFR recording " + id, connection.callTimeout(), () -> {
                    bean.closeStream(stream);
                    return null;
                });
            }
            done = true;
        } finally {
            close(id);
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
        return file;
    }

    /** Closes recording {@code id} on the target (its repository chunks go with it). */
    public void close(long id) throws JvmCallException {
        connection.call("close JFR recording " + id + " of pid " + connection.identity().pid(),
                connection.callTimeout(), () -> {
                    bean.closeRecording(id);
                    return null;
                });
    }

    /** The names of the target's recordings, LeakWatch's and others'. */
    public List<String> recordings() throws JvmCallException {
        return connection.call("list JFR recordings of pid " + connection.identity().pid(), connection.callTimeout(),
                () -> bean.getRecordings().stream().map(RecordingInfo::getName).toList());
    }
}
