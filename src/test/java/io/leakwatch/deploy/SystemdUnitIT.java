package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Verifies deploy/systemd/leakwatch.service with the real {@code systemd-analyze verify}, which
 * warns about unknown keys and unparsable values (it exits 0 on those, hence the output check).
 * Skipped where systemd is not installed; nothing else can parse unit files faithfully.
 */
class SystemdUnitIT {

    @Test
    void unitVerifiesWithoutWarnings() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Path unit = RepoFiles.root().resolve("deploy/systemd/leakwatch.service");

        ExternalTool.Run run = ExternalTool.run(unit.getParent(), Duration.ofMinutes(1),
                analyze.toString(), "verify", unit.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).as(run.describe()).doesNotContain("leakwatch.service:");
    }
}
