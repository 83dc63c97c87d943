package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import io.leakwatch.heap.testapp.SessionLeakApp;
import io.leakwatch.heap.testapp.StackHoldApp;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dumps written by real HotSpot JVMs (JDK 17, and JDK 25 when installed) of a program with a known culprit. */
class RealDumpAnalysisIT {

    private static final String SESSION = SessionLeakApp.Session.class.getName();
    private static final String CACHED = SessionLeakApp.Cached.class.getName();

    @TempDir
    Path dir;

    @Test
    void jdk17DumpNamesTheCulpritField() throws Exception {
        Path dump = RealDumps.dump(ChildJvm.currentJava(), SessionLeakApp.class, dir.resolve("j17.hprof"), true, false);
        check(dump);
    }

    @Test
    void jdk25GzipDumpNamesTheCulpritField() throws Exception {
        Path java25 = ChildJvm.jdk25OrNull();
        if (java25 == null) {
            System.out.println("SKIPPED: JDK 25 not installed at /usr/lib/jvm/temurin-25-jdk-amd64");
        }
        assumeTrue(java25 != null, "JDK 25 not installed at /usr/lib/jvm/temurin-25-jdk-amd64");
        Path dump = RealDumps.dump(java25, SessionLeakApp.class, dir.resolve("j25.hprof.gz"), true, true);
        check(dump);
    }

    @Test
    void aLocalVariableRootNamesTheThreadAndFrame() throws Exception {
        Path dump = RealDumps.dump(ChildJvm.currentJava(), StackHoldApp.class, dir.resolve("stack.hprof"), false, false);
        LeakAnalysis a = DumpAnalyzer.analyze(dump, AnalysisRequest.forTypes(StackHoldApp.Parcel.class.getName()),
                ProgressListener.NONE);
        TargetGroup g = a.groups().get(0);
        assertThat(g.instancesInDump()).isEqualTo(100);
        RetentionChain chain = g.signatures().get(0).example();
        assertThat(g.signatures().get(0).instances()).isEqualTo(100);
        assertThat(chain.rootKind()).isEqualTo("thread stack frame");
        assertThat(chain.rootDescription()).contains("\"parcel-keeper\"").contains(StackHoldApp.class.getName() + ".keep");
        assertThat(chain.hops().get(0).objectType()).isEqualTo("java.util.ArrayList");
    }

    private static void check(Path dump) throws Exception {
        LeakAnalysis a = DumpAnalyzer.analyze(dump, new AnalysisRequest(List.of(SESSION, CACHED), false, 5, 0, false),
                ProgressListener.NONE);
        TargetGroup sessions = a.groups().get(0);
        assertThat(sessions.name()).isEqualTo(SESSION);
        assertThat(sessions.instancesInDump()).isEqualTo(2000);
        assertThat(sessions.weaklyHeld()).isZero();
        LeakSignature top = sessions.signatures().get(0);
        assertThat(top.instances()).isEqualTo(2000);
        RetentionChain chain = top.example();
        assertThat(chain.heldBy()).isEqualTo("static field " + SessionLeakApp.class.getName() + "$Registry.SESSIONS");
        List<ChainHop> hops = chain.hops();
        ChainHop accumulation = hops.get(chain.accumulationIndex());
        assertThat(accumulation.objectType()).isEqualTo("java.lang.Object[]");
        assertThat(accumulation.fanOut()).isEqualTo(2000);
        assertThat(hops.get(chain.accumulationIndex()).reference()).isEqualTo("elementData");
        assertThat(hops.get(hops.size() - 1).objectType()).isEqualTo(SESSION);
        // each Session: itself + its byte[256] state (the user String is shared with nobody, so also retained)
        assertThat(top.retainedBytes()).isGreaterThan(2000L * (256 + 16));

        TargetGroup cached = a.groups().get(1);
        assertThat(cached.analyzed()).as("weakly/softly held objects are in the -all dump").isPositive();
        assertThat(cached.weaklyHeld()).isEqualTo(cached.analyzed());
        assertThat(cached.signatures()).isEmpty();
    }
}
