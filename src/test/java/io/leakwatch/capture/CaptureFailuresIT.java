package io.leakwatch.capture;

import io.leakwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.capture.CaptureOutcome.Captured;
import io.leakwatch.capture.CaptureOutcome.Failed;
import io.leakwatch.testing.ChildJvm;
import io.leakwatch.testing.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures that must fail cleanly against real JVMs and real file systems: a small tmpfs that
 * cannot hold the dump, a target that hangs or dies while dumping, and a target in its own mount
 * namespace (a container) whose dump is reached through /proc/&lt;pid&gt;/root.
 */
class CaptureFailuresIT {

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    private CaptureService service(Path root, CapturePolicy policy) throws Exception {
        return CaptureService.open(root, policy, new HeaderCheckingAnalyzer(), new TargetFilesystem(), clock);
    }

    private static CaptureRequest request(ChildJvm target) {
        return new CaptureRequest("orders", target.pid(), List.of("byte[]"), false);
    }

    @Test
    void freeSpaceCheckAndFullDiskOnASmallFileSystem() throws Exception {
        Tmpfs small = Tmpfs.mountOrNull(temp.resolve("small"), 20);
        assumeTrue(small != null, "mount -t tmpfs is not allowed here (needs root)");
        try (small; ChildJvm target = ChildJvm.builder(HeapHoldingMain.class)
                .jvmOptions("-Xmx128m", "-XX:+UseSerialGC").args("40").start();
                JmxAttach jmx = JmxAttach.to(target.pid())) {
            Path root = small.path().resolve("captures");
            HeapDumper dumper = new JmxHeapDumper(jmx.connection(), Duration.ofSeconds(30));
            CapturePolicy policy = CapturePolicy.defaults().withMinInterval(Duration.ZERO).withFreeSpaceReserveBytes(0);

            CaptureOutcome refused = service(root, policy).capture(request(target), dumper);

            assertThat(refused).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(CaptureFailure.INSUFFICIENT_SPACE);
                assertThat(f.detail()).contains(root.toString());
            });
            assertThat(listTree(root)).isEmpty();

            // A far too small size estimate lets the dump start; the file system fills up under it.
            CaptureOutcome full = service(root, policy.withDumpSizeFactor(0.01)).capture(request(target), dumper);

            assertThat(full).isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.reason()).as(f.detail()).isEqualTo(CaptureFailure.DISK_FULL));
            assertThat(listTree(root)).allMatch(p -> p.getFileName().toString().equals(CaptureStore.RECORD_FILE));
            assertThat(Files.getFileStore(root).getUsableSpace()).isGreaterThan(19L * 1024 * 1024);
        }
    }

    @Test
    void aTargetThatHangsDuringTheDumpTimesOutAndLeavesNothing() throws Exception {
        try (ChildJvm target = ChildJvm.start(HeapHoldingMain.class, "8"); JmxAttach jmx = JmxAttach.to(target.pid())) {
            Path root = temp.resolve("captures");
            JmxHeapDumper real = new JmxHeapDumper(jmx.connection(), Duration.ofSeconds(30));
            HeapDumper hanging = new HeapDumper() {
                @Override
                public HeapFacts facts() throws java.io.IOException {
                    return real.facts();
                }

                @Override
                public DumpResult dump(String path, Duration timeout) {
                    try {
                        target.suspend();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return real.dump(path, timeout);
                }
            };
            CapturePolicy policy = CapturePolicy.defaults().withDumpTimeout(Duration.ofSeconds(2));

            long start = System.nanoTime();
            CaptureOutcome outcome = service(root, policy).capture(request(target), hanging);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(outcome).isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.reason()).isEqualTo(CaptureFailure.TIMEOUT));
            target.resume();
            // The resumed target now tries the dump it was asked for; its directory is gone.
            Thread.sleep(2000);
            assertThat(listTree(root)).isEmpty();
        }
    }

    @Test
    void aTargetThatDiesMidDumpFailsCleanly() throws Exception {
        try (ChildJvm target = ChildJvm.builder(HeapHoldingMain.class)
                .jvmOptions("-Xmx256m", "-XX:+UseSerialGC").args("150").start();
                JmxAttach jmx = JmxAttach.to(target.pid())) {
            Path root = temp.resolve("captures");
            JmxHeapDumper real = new JmxHeapDumper(jmx.connection(), Duration.ofSeconds(30));
            HeapDumper dying = new HeapDumper() {
                @Override
                public HeapFacts facts() throws java.io.IOException {
                    return real.facts();
                }

                @Override
                public DumpResult dump(String path, Duration timeout) {
                    Thread killer = new Thread(() -> target.killOnceWriting(Path.of(path)));
                    killer.start();
                    return real.dump(path, timeout);
                }
            };

            CaptureOutcome outcome = service(root, CapturePolicy.defaults()).capture(request(target), dying);

            assertThat(outcome).isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.reason()).as(f.detail()).isEqualTo(CaptureFailure.TARGET_GONE));
            assertThat(listTree(root)).allMatch(p -> p.getFileName().toString().equals(CaptureStore.RECORD_FILE));
            assertThat(service(root, CapturePolicy.defaults()).store().list().records())
                    .singleElement().satisfies(r -> {
                        assertThat(r.outcome()).isEqualTo("target_gone");
                        assertThat(r.files()).isEmpty();
                    });
        }
    }


    @Test
    void aTargetInItsOwnMountNamespaceWritesIntoItsTmpAndTheDumpIsMovedThroughProc() throws Exception {
        assumeTrue(ContainerJvm.available(), "unshare --mount with a tmpfs is not allowed here (needs root)");
        try (ChildJvm launched = ChildJvm.builder(HeapHoldingMain.class).java(ContainerJvm.launcher(temp))
                .args("8").start(); JmxAttach jmx = JmxAttach.to(ContainerJvm.javaPid(launched))) {
            long pid = ContainerJvm.javaPid(launched);
            Path root = temp.resolve("captures");
            HeapDumper dumper = new JmxHeapDumper(jmx.connection(), Duration.ofSeconds(30));
            // The target's /tmp is a 128 MiB tmpfs: the default 512 MiB reserve would (rightly) refuse.
            CaptureService service = service(root, CapturePolicy.defaults().withKeepDumps(KeepDumps.KEEP)
                    .withFreeSpaceReserveBytes(16 * 1024 * 1024));

            CaptureOutcome outcome = service.capture(new CaptureRequest("orders", pid, List.of(), false), dumper);

            assertThat(outcome).isInstanceOf(Captured.class);
            Path dump = root.resolve(((Captured) outcome).record().id()).resolve("heap.hprof");
            assertThat(CaptureServiceIT.header(Files.newInputStream(dump))).isEqualTo(HeaderCheckingAnalyzer.HEADER);
            assertThat(CaptureServiceIT.mode(dump)).isEqualTo("rw-------");
            try (Stream<Path> inTargetTmp = Files.list(Path.of("/proc/" + pid + "/root/tmp"))) {
                assertThat(inTargetTmp).noneMatch(p -> p.getFileName().toString().startsWith("leakwatch-"));
            }
        }
    }

    private static List<Path> listTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
