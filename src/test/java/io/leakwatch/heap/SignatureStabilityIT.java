package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureAnalyzer.Request;
import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.heap.testapp.FleetApp;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One leak in 50 pods is one Alertmanager group: the same program in two real JVMs, its thread
 * numbered differently, its hash codes and hidden-class addresses moved, dumped and analyzed as a
 * capture is, gives the same alert signatures.
 */
class SignatureStabilityIT {

    private static final List<String> GROWING = List.of(FleetApp.Order.class.getName(), FleetApp.Quote.class.getName());

    @TempDir
    Path dir;

    @Test
    void twoProcessesOfOneProgramGiveTheSameSignatures() throws Exception {
        Map<SeriesKey, String> first = signatures("pod-a", "16", "10");
        Map<SeriesKey, String> second = signatures("pod-b", "3", "200000");
        System.out.println("SignatureStabilityIT: " + first);
        assertThat(first).as("a signature per leak").containsOnlyKeys(new SeriesKey.Type(FleetApp.Order.class.getName()),
                new SeriesKey.Type(FleetApp.Quote.class.getName()));
        assertThat(first.values()).as("two holders, two signatures").doesNotHaveDuplicates();
        assertThat(second).isEqualTo(first);
    }

    /** Per growing series, the signature of its largest finding in a dump of FleetApp run with {@code args}. */
    private Map<SeriesKey, String> signatures(String name, String... args) throws Exception {
        Path dump = RealDumps.dump(ChildJvm.currentJava(), FleetApp.class, dir.resolve(name + ".hprof"), false, false,
                args);
        Path reports = Files.createDirectories(dir.resolve(name));
        AnalysisResult result = new HprofCaptureAnalyzer(3, 0).analyze(new Request(dump, GROWING, false, reports));
        assertThat(result).isInstanceOf(AnalysisResult.Analyzed.class);
        List<LeakFinding> findings = ((AnalysisResult.Analyzed) result).findings();
        Map<SeriesKey, String> bySeries = new LinkedHashMap<>();
        for (LeakFinding f : findings) {
            bySeries.putIfAbsent(f.series(), f.signature());
        }
        String chains = String.join("\n", findings.stream().map(LeakFinding::chains).toList());
        assertThat(chains).as("the dump really differs: %s", chains).contains("pricefeed-refresher-" + args[0])
                .containsPattern("Lambda");
        return bySeries;
    }
}
