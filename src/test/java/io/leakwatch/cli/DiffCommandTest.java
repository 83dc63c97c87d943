package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.analysis.SuspectHeaps;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path dump(String name, int orders) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, SuspectHeaps.orderService(orders));
        return file;
    }

    @Test
    void twoDumpsNameTheGrowingNodeWithObjectsAndBytes() throws IOException {
        Path old = dump("old.hprof", 200);
        Path now = dump("new.hprof", 500);

        assertThat(run(new DiffCommand(), old.toString(), now.toString(), "--format", "json")).as(err.toString()).isZero();

        JsonNode top = new ObjectMapper().readTree(out.toString()).get("growth").get(0);
        assertThat(top.get("node").asText()).isEqualTo("suspects: class jdk.internal.loader.ClassLoaders"
                + " -> ClassLoaders.APP_LOADER -> ClassLoader.classes -> ArrayList.elementData -> Object[][*]"
                + " -> OrderService.ORDERS -> ArrayList.elementData");
        assertThat(top.get("oldInstances").asLong()).isEqualTo(200);
        assertThat(top.get("newInstances").asLong()).isEqualTo(500);
        assertThat(top.get("instanceDelta").asLong()).isEqualTo(300);
        // each order and its byte[100]: 32 + 120 bytes; the Object[] grows by 300 slots of 8 bytes
        assertThat(top.get("byteDelta").asLong()).isEqualTo(300L * 152 + 300L * 8);
    }

    @Test
    void storedReportsDiffLikeTheirDumps() throws IOException {
        Path oldJson = dir.resolve("old.json");
        Path newJson = dir.resolve("new.json");
        assertThat(run(new AnalyzeCommand(), dump("a.hprof", 200).toString(), "--format", "json", "--out", oldJson.toString())).isZero();
        assertThat(run(new AnalyzeCommand(), dump("b.hprof", 260).toString(), "--format", "json", "--out", newJson.toString())).isZero();

        assertThat(run(new DiffCommand(), oldJson.toString(), newJson.toString())).as(err.toString()).isZero();

        String first = out.toString().lines().filter(l -> l.contains("OrderService.ORDERS")).findFirst().orElseThrow();
        assertThat(first).contains("+60").endsWith("-> OrderService.ORDERS -> ArrayList.elementData");
    }

    @Test
    void aJsonWithoutAPathTreeIsRefused() throws IOException {
        Path bad = dir.resolve("x.json");
        Files.writeString(bad, "{\"schema\":\"something/1\"}");
        assertThat(run(new DiffCommand(), bad.toString(), bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("x.json has no \"pathTree\"");
    }
}
