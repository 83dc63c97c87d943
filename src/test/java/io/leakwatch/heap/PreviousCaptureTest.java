package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.analysis.SuspectHeaps;
import io.leakwatch.capture.CaptureAnalyzer.Request;
import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second capture of a target compares itself with the first one's stored path tree. */
class PreviousCaptureTest {

    @TempDir
    Path root;

    private AnalysisResult.Analyzed capture(String id, String target, int orders) throws IOException {
        Path dir = Files.createDirectory(root.resolve(id));
        Path dump = dir.resolve("heap.hprof");
        Files.write(dump, SuspectHeaps.orderService(orders));
        AnalysisResult r = new HprofCaptureAnalyzer(5, 0)
                .analyze(new Request(dump, List.of("com.example.Order"), false, dir));
        // what CaptureService writes after the analysis
        Files.writeString(dir.resolve("capture.json"), "{\"id\":\"" + id + "\",\"target\":\"" + target + "\"}");
        Files.delete(dump);
        return (AnalysisResult.Analyzed) r;
    }

    @Test
    void theSecondCaptureSaysWhatGrewSinceTheFirst() throws IOException {
        AnalysisResult.Analyzed first = capture("orders-20261204T100000Z-41", "orders", 200);
        capture("other-20261204T100500Z-42", "other", 900);
        AnalysisResult.Analyzed second = capture("orders-20261204T101000Z-41", "orders", 320);

        assertThat(first.summary()).doesNotContain("since capture");
        assertThat(first.reports()).extracting(p -> p.getFileName().toString()).doesNotContain("growth.txt");
        assertThat(second.summary()).contains("since capture orders-20261204T100000Z-41 +120 objects")
                .endsWith("-> OrderService.ORDERS -> ArrayList.elementData -> Object[][*]");
        // and so does the alert of the largest leak, which is made from the lead finding
        assertThat(first.findings().get(0).description()).doesNotContain("since capture");
        assertThat(second.findings().get(0).description()).contains("since capture orders-20261204T100000Z-41 +120 objects");
        Path growth = root.resolve("orders-20261204T101000Z-41").resolve("growth.txt");
        assertThat(second.reports()).contains(growth);
        assertThat(Files.readString(growth)).contains("Since capture orders-20261204T100000Z-41")
                .contains("+120");
    }
}
