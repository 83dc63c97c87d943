package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leakwatch.http.HttpSettings;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

    private final ConfigReader reader = new ConfigReader(Map.of("JMX_PW", "s3cret")::get);

    private ConfigProblem onlyProblem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", yaml));
        assertThat(e).as("config should be refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        ConfigProblem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo("lw.yml");
        assertThat(e.getMessage()).startsWith("lw.yml:" + p.line() + ":" + p.column() + ": ");
        return p;
    }

    @Test
    void smallestConfigWorks() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", """
                targets:
                  - name: orders-api
                    pid: 4242
                    interval: 60s
                """);
        TargetConfig t = c.targets().get(0);
        assertThat(t.name()).isEqualTo("orders-api");
        assertThat(t.selector()).isEqualTo(new TargetSelector.Pid(4242));
        assertThat(t.schedule()).isEqualTo(new Schedule.Every(Duration.ofSeconds(60)));
        assertThat(c.http()).isEqualTo(HttpSettings.defaults());
        assertThat(c.export().topN()).isEqualTo(20);
    }

    @Test
    void fullConfigMapsEveryKey() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", """
                dataDir: /var/lib/leakwatch
                http: {address: 0.0.0.0, port: 9999}
                export:
                  topN: 5
                  include: ['^com\\.example\\.']
                  exclude: ['Lambda']
                  allow: [com.example.Session]
                targets:
                  - name: a
                    mainClass: 'Orders.*'
                    cron: "0 * * * * ?"
                    attachTimeout: 500ms
                    callTimeout: 2m
                  - name: b
                    jmxUrl: service:jmx:rmi:///jndi/rmi://localhost:9010/jmxrmi
                    username: monitor
                    password: ${JMX_PW}
                  - name: c
                    pidFile: /run/app.pid
                    interval: 1h
                """);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/leakwatch"));
        assertThat(c.http()).isEqualTo(new HttpSettings("0.0.0.0", 9999));
        assertThat(c.export().topN()).isEqualTo(5);
        assertThat(c.export().include().get(0).pattern()).isEqualTo("^com\\.example\\.");
        assertThat(c.export().allow()).containsExactly("com.example.Session");
        TargetConfig a = c.targets().get(0);
        assertThat(((TargetSelector.MainClass) a.selector()).regex().pattern()).isEqualTo("Orders.*");
        assertThat(a.schedule()).isEqualTo(new Schedule.Cron("0 * * * * ?"));
        assertThat(a.sampling().attachTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.sampling().callTimeout()).isEqualTo(Duration.ofMinutes(2));
        TargetSelector.JmxUrl b = (TargetSelector.JmxUrl) c.targets().get(1).selector();
        assertThat(b.password()).isEqualTo("s3cret");
        assertThat(b.toString()).doesNotContain("s3cret");
        assertThat(c.targets().get(2).selector()).isEqualTo(new TargetSelector.PidFile(Path.of("/run/app.pid")));
        assertThat(c.targets().get(2).schedule()).isEqualTo(new Schedule.Every(Duration.ofHours(1)));
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 1
                    intervall: 60s
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("targets[0].intervall");
        assertThat(p.message()).contains("unknown key 'intervall'").contains("interval");
    }

    @Test
    void unknownTopLevelKey() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - {name: a, pid: 1}
                htpp:
                  port: 1
                """);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("htpp");
    }

    @Test
    void wrongKindOfValue() {
        ConfigProblem p = onlyProblem("""
                targets:
                  name: a
                """);
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.key()).isEqualTo("targets");
        assertThat(p.message()).contains("expected a list");
    }

    @Test
    void missingSelector() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    interval: 5s
                """);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("targets[0]");
        assertThat(p.message()).contains("exactly one of pid, pidFile, mainClass or jmxUrl");
    }

    @Test
    void twoSelectors() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 12
                    mainClass: Foo
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("targets[0].mainClass");
        assertThat(p.message()).contains("both pid and mainClass");
    }

    @Test
    void badRegex() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    mainClass: "Orders[("
                """);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("targets[0].mainClass");
        assertThat(p.message()).contains("not a valid regular expression");
    }

    @Test
    void badCron() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 3
                    cron: "* * * *"
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("targets[0].cron");
        assertThat(p.message()).contains("not a Quartz cron expression");
    }

    @Test
    void badAndZeroDurations() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                targets:
                  - name: a
                    pid: 3
                    interval: 60
                    attachTimeout: 0s
                    callTimeout: -5s
                """));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(
                "targets[0].interval", "targets[0].attachTimeout", "targets[0].callTimeout");
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(4, 5, 6);
        assertThat(e.problems().get(0).message()).contains("'60' is not a positive duration").contains("60s");
    }

    @Test
    void duplicateTargetNames() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 3
                  - name: a
                    pid: 4
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("targets[1].name");
        assertThat(p.message()).contains("duplicate target name 'a' (first used on line 2)");
    }

    @Test
    void duplicateKeyInOneMapping() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 3
                    pid: 4
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("targets[0].pid");
        assertThat(p.message()).contains("Duplicate field 'pid'");
    }

    @Test
    void yamlSyntaxError() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: [3
                """);
        assertThat(p.line()).isGreaterThanOrEqualTo(3);
        assertThat(p.message()).startsWith("not valid YAML");
    }

    @Test
    void badPidPortAndTopN() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                http:
                  port: 70000
                export:
                  topN: many
                targets:
                  - name: a
                    pid: -3
                """));
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .containsExactly("targets[0].pid", "http.port", "export.topN");
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(7, 2, 4);
    }

    @Test
    void missingSecretIsNamedButNeverShown() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    jmxUrl: service:jmx:rmi:///jndi/rmi://h:1/jmxrmi
                    username: u
                    password: ${NOT_SET_ANYWHERE}
                """);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("targets[0].password");
        assertThat(p.message()).isEqualTo("environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void secretFromFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "from-file\n");
        LeakwatchConfig c = reader.read("lw.yml", """
                targets:
                  - name: a
                    jmxUrl: service:jmx:rmi:///jndi/rmi://h:1/jmxrmi
                    username: u
                    password: file:%s
                """.formatted(secret));
        assertThat(((TargetSelector.JmxUrl) c.targets().get(0).selector()).password()).isEqualTo("from-file");
    }

    @Test
    void intervalAndCronTogether() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - name: a
                    pid: 3
                    interval: 5s
                    cron: "0 * * * * ?"
                """);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("targets[0].cron");
        assertThat(p.message()).contains("both interval and cron");
    }

    @Test
    void credentialsOnlyWithJmxUrlAndBadName() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", """
                targets:
                  - name: "orders api"
                    pid: 3
                    username: admin
                """));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("targets[0].name", "targets[0].username");
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(2, 4);
    }

    @Test
    void unknownKeyInANestedSection() {
        ConfigProblem p = onlyProblem("""
                targets:
                  - {name: a, pid: 1}
                http:
                  adress: 0.0.0.0
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("http.adress");
        assertThat(p.message()).contains("allowed here: address, auth, port, tls");
    }

    @Test
    void noTargetsAndEmptyFile() {
        assertThat(onlyProblem("http: {port: 1}\n").key()).isEqualTo("targets");
        assertThat(onlyProblem("").message()).contains("empty");
    }

    @Test
    void missingFileIsAProblemToo(@TempDir Path dir) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read(dir.resolve("nope.yml")));
        assertThat(e.getMessage()).contains("nope.yml").contains("cannot read");
    }

    @Test
    void shippedConfigIsValid() throws Exception {
        LeakwatchConfig c = new ConfigReader().read(Path.of("config/leakwatch.yml"));
        assertThat(c.targets()).isNotEmpty();
        assertThat(c.http().address()).isEqualTo("127.0.0.1");
    }
}
