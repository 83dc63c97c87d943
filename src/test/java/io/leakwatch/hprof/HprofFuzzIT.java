package io.leakwatch.hprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.heap.DumpAnalyzer;
import io.leakwatch.heap.RealDumps;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutants of a real dump (a JVM started here writes it): bit flips, truncations, record and
 * sub-record length changes, a bad identifier size, cut-out ranges. Each must analyze or fail with
 * the documented {@link HprofFormatException} (offset and tag in the message), within a per-case
 * timeout, without any other exception or error (OutOfMemoryError included, at the test's -Xmx).
 *
 * <p>CI runs 300 mutants; {@code -Dleakwatch.fuzz.mutants=20000} runs a longer campaign and
 * {@code -Dleakwatch.fuzz.seed=N} replays one (the failure message names seed and case).
 */
class HprofFuzzIT {

    private static final int MUTANTS = Integer.getInteger("leakwatch.fuzz.mutants", 300);
    private static final long SEED = Long.getLong("leakwatch.fuzz.seed", System.nanoTime());
    private static final long CASE_TIMEOUT_SECONDS = 30;
    private static final String TYPE = FuzzDumpProgram.Entry.class.getName();

    @TempDir
    static Path dir;
    private static byte[] seedDump;
    private static ExecutorService worker;

    @BeforeAll
    static void writeSeedDump() throws Exception {
        Path dump = RealDumps.dump(ChildJvm.currentJava(), FuzzDumpProgram.class, dir.resolve("seed.hprof"), false, false);
        seedDump = Files.readAllBytes(dump);
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    private static LeakAnalysis analyze(byte[] dump) {
        return DumpAnalyzer.analyze(new ByteArraySource(dump), AnalysisRequest.forTypes(TYPE), ProgressListener.NONE);
    }

    @Test
    void theSeedDumpAnalyses() {
        assertThat(analyze(seedDump).toString()).contains(TYPE);
    }

    @Test
    void mutantsAnalyzeOrFailWithTheDocumentedError() throws Exception {
        Random random = new Random(SEED);
        int rejected = 0;
        long start = System.nanoTime();
        for (int i = 0; i < MUTANTS; i++) {
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] mutant = mutation.apply(seedDump, random);
            String which = "case " + i + " (" + mutation + ", seed " + SEED + ", " + mutant.length + " bytes)";
            // every tenth case goes through the file-backed source the daemon uses
            boolean viaFile = i % 10 == 0;
            Future<?> run = worker.submit(() -> viaFile ? analyzeFile(mutant, which) : analyze(mutant));
            try {
                run.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                fail(which + ": no answer within " + CASE_TIMEOUT_SECONDS + " s (hang?)");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!(cause instanceof HprofFormatException)) {
                    throw new AssertionError(which + ": undocumented " + cause, cause);
                }
                assertThat(cause.getMessage()).as(which).contains("byte offset");
                rejected++;
            }
        }
        System.out.printf("fuzz: %d mutants, %d rejected with HprofFormatException, %d analysed, %.1f s, seed %d%n",
                MUTANTS, rejected, MUTANTS - rejected, (System.nanoTime() - start) / 1e9, SEED);
        assertThat(rejected).as("mutations that break the dump are seen").isPositive();
    }

    private static Object analyzeFile(byte[] mutant, String which) {
        try {
            Path file = Files.write(dir.resolve("mutant.hprof"), mutant);
            return DumpAnalyzer.analyze(file, AnalysisRequest.forTypes(TYPE), ProgressListener.NONE);
        } catch (IOException e) {
            throw new AssertionError(which + ": IOException on a readable file", e);
        }
    }

    /** Ways to damage a dump. */
    enum Mutation {
        BIT_FLIPS {
            @Override
            byte[] apply(byte[] dump, Random r) {
                byte[] m = dump.clone();
                for (int n = 1 + r.nextInt(8); n > 0; n--) {
                    int at = r.nextInt(m.length);
                    m[at] ^= (byte) (1 << r.nextInt(8));
                }
                return m;
            }
        },
        TRUNCATION {
            @Override
            byte[] apply(byte[] dump, Random r) {
                return Arrays.copyOf(dump, r.nextInt(dump.length));
            }
        },
        RECORD_LENGTH {
            @Override
            byte[] apply(byte[] dump, Random r) {
                byte[] m = dump.clone();
                int record = randomRecord(m, r);
                long length = u4(m, record + 5);
                putU4(m, record + 5, wildLength(length, r));
                return m;
            }
        },
        SUB_RECORD_FIELD {
            /** Overwrites four aligned bytes inside a heap dump segment: ids, counts, array lengths. */
            @Override
            byte[] apply(byte[] dump, Random r) {
                byte[] m = dump.clone();
                int segment = CorruptDumpTest.indexOfTag(m, HprofTag.HEAP_DUMP_SEGMENT);
                long length = u4(m, segment + 5);
                int at = segment + 9 + r.nextInt((int) Math.max(1, length - 4));
                putU4(m, at, wildLength(u4(m, at), r));
                return m;
            }
        },
        IDENTIFIER_SIZE {
            @Override
            byte[] apply(byte[] dump, Random r) {
                byte[] m = dump.clone();
                int[] sizes = {0, 1, 2, 3, 4, 7, 16, 255, -1};
                putU4(m, headerEnd(m) - 12, sizes[r.nextInt(sizes.length)]);
                return m;
            }
        },
        CUT_OUT_RANGE {
            @Override
            byte[] apply(byte[] dump, Random r) {
                int from = r.nextInt(dump.length);
                int to = Math.min(dump.length, from + 1 + r.nextInt(4096));
                byte[] m = new byte[dump.length - (to - from)];
                System.arraycopy(dump, 0, m, 0, from);
                System.arraycopy(dump, to, m, from, dump.length - to);
                return m;
            }
        };

        abstract byte[] apply(byte[] dump, Random r);

        static long wildLength(long was, Random r) {
            long[] choices = {0, 1, was - 1, was + 1, was * 2, 0x7FFFFFFFL, 0xFFFFFFFFL, 0x80000000L, r.nextInt() & 0xFFFFFFFFL};
            return choices[r.nextInt(choices.length)] & 0xFFFFFFFFL;
        }

        /** Offset of the first record: after the version string's NUL, the id size (u4) and the time (u8). */
        static int headerEnd(byte[] m) {
            int pos = 0;
            while (m[pos] != 0) {
                pos++;
            }
            return pos + 1 + 4 + 8;
        }

        static int randomRecord(byte[] m, Random r) {
            int pos = headerEnd(m);
            int chosen = pos;
            int seen = 0;
            while (pos + 9 <= m.length) {
                seen++;
                if (r.nextInt(seen) == 0) {
                    chosen = pos;
                }
                pos += 9 + (int) u4(m, pos + 5);
            }
            return chosen;
        }

        static long u4(byte[] m, int at) {
            return ((m[at] & 0xFFL) << 24) | ((m[at + 1] & 0xFFL) << 16) | ((m[at + 2] & 0xFFL) << 8) | (m[at + 3] & 0xFFL);
        }

        static void putU4(byte[] m, int at, long value) {
            m[at] = (byte) (value >>> 24);
            m[at + 1] = (byte) (value >>> 16);
            m[at + 2] = (byte) (value >>> 8);
            m[at + 3] = (byte) value;
        }
    }
}
