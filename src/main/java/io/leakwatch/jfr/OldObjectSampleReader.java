package io.leakwatch.jfr;

import io.leakwatch.analysis.alloc.SampledObject;
import io.leakwatch.analysis.alloc.StackFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the old-object samples of a JFR recording: per sample the object's class, its allocation
 * stack (Java frames only) and its age. Only the class is read from the sampled object, never its
 * description or fields (heap contents are secrets).
 */
public final class OldObjectSampleReader {

    /** The JFR event that samples live old objects with their allocation stack. */
    public static final String EVENT = "jdk.OldObjectSample";

    private OldObjectSampleReader() {
    }

    /**
     * @throws IOException when the file cannot be read or is not a JFR recording (the message names
     *                     the file)
     */
    public static List<SampledObject> read(Path recording) throws IOException {
        List<SampledObject> samples = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals(EVENT)) {
                    samples.add(sample(event));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(recording + ": not a readable JFR recording: " + e.getMessage(), e);
        }
        return samples;
    }

    private static SampledObject sample(RecordedEvent event) {
        RecordedObject object = event.getValue("object");
        RecordedClass type = object == null ? null : object.getValue("type");
        Duration age = event.hasField("objectAge") ? event.getDuration("objectAge") : Duration.ZERO;
        return new SampledObject(type == null ? "<unknown>" : type.getName(), frames(event.getStackTrace()),
                Math.max(0, age.toMillis()));
    }

    private static List<StackFrame> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<StackFrame> frames = new ArrayList<>();
        for (RecordedFrame f : stack.getFrames()) {
            RecordedMethod m = f.getMethod();
            if (f.isJavaFrame() && m != null && m.getType() != null) {
                frames.add(new StackFrame(m.getType().getName(), m.getName(), Math.max(-1, f.getLineNumber())));
            }
        }
        return frames;
    }
}
