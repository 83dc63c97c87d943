package io.leakwatch.cli;

import io.leakwatch.analysis.alloc.SampledObject;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.attach.JfrRecorder;
import io.leakwatch.attach.JvmCallException;
import io.leakwatch.attach.JvmConnection;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.jfr.OldObjectSampleReader;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.pipeline.AllocationSampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The allocation-sampling port on the attach adapter: a fresh JMX connection per step (as for a
 * heap dump), {@link JfrRecorder} for the recording, the stream copied into a 0600 file in the
 * daemon's temp directory, read by {@link OldObjectSampleReader} and deleted.
 */
final class AllocationRecorders implements AllocationSampling.Recorders {

    private final AttachTargetSamplerFactory attach;
    private final Function<String, TargetConfig> targets;
    private final Path tempDirectory;

    AllocationRecorders(AttachTargetSamplerFactory attach, Function<String, TargetConfig> targets, Path tempDirectory) {
        this.attach = Objects.requireNonNull(attach, "attach");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
    }

    @Override
    public long start(String target, TargetIdentity identity, Duration duration) throws IOException {
        try (JvmConnection c = connect(target, identity)) {
            return new JfrRecorder(c).start(duration);
        } catch (JvmCallException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<SampledObject> collect(String target, TargetIdentity identity, long id) throws IOException {
        Path file;
        try (JvmConnection c = connect(target, identity)) {
            file = new JfrRecorder(c).collect(id, tempDirectory);
        } catch (JvmCallException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return OldObjectSampleReader.read(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close(String target, TargetIdentity identity, long id) throws IOException {
        try (JvmConnection c = connect(target, identity)) {
            new JfrRecorder(c).close(id);
        } catch (JvmCallException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private JvmConnection connect(String target, TargetIdentity identity) throws IOException, JvmCallException {
        TargetConfig t = targets.apply(target);
        if (t == null) {
            throw new IOException("target " + target + " is not configured");
        }
        return attach.connect(t.selector(), identity, t.sampling());
    }
}
