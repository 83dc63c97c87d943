package io.leakwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturePolicyTest {

    @Test
    void expectedDumpSizeIsUsedHeapTimesTheFactorRoundedUp() {
        CapturePolicy policy = CapturePolicy.defaults().withDumpSizeFactor(1.5);

        assertThat(policy.expectedDumpBytes(1000)).isEqualTo(1500);
        assertThat(policy.expectedDumpBytes(3)).isEqualTo(5);
    }

    @Test
    void defaultsAreSane() {
        CapturePolicy policy = CapturePolicy.defaults();

        assertThat(policy.minInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.keepDumps()).isEqualTo(KeepDumps.DELETE);
        assertThat(policy.quotaBytes()).isGreaterThan(policy.freeSpaceReserveBytes());
    }

    @Test
    void rejectsNonsenseNamingTheField() {
        CapturePolicy d = CapturePolicy.defaults();
        assertThatThrownBy(() -> d.withQuotaBytes(0)).hasMessageContaining("quotaBytes");
        assertThatThrownBy(() -> d.withDumpSizeFactor(0)).hasMessageContaining("dumpSizeFactor");
        assertThatThrownBy(() -> d.withDumpSizeFactor(Double.NaN)).hasMessageContaining("dumpSizeFactor");
        assertThatThrownBy(() -> d.withMinInterval(Duration.ofSeconds(-1))).hasMessageContaining("minInterval");
        assertThatThrownBy(() -> d.withDumpTimeout(Duration.ZERO)).hasMessageContaining("dumpTimeout");
        assertThatThrownBy(() -> d.withFreeSpaceReserveBytes(-1)).hasMessageContaining("freeSpaceReserveBytes");
    }

    @Test
    void keepDumpsParsesTheConfigValues() {
        assertThat(List.of("false", "true", "gzip", " GZIP ", "keep", "delete").stream().map(KeepDumps::parse))
                .containsExactly(KeepDumps.DELETE, KeepDumps.KEEP, KeepDumps.GZIP, KeepDumps.GZIP, KeepDumps.KEEP,
                        KeepDumps.DELETE);
        assertThatThrownBy(() -> KeepDumps.parse("zip")).hasMessage("keepDumps: 'zip' is not one of false, true, gzip");
    }

    @Test
    void requestsValidate() {
        assertThatThrownBy(() -> new CaptureRequest(" ", 1, List.of(), false)).hasMessageContaining("target");
        assertThatThrownBy(() -> new CaptureRequest("t", 0, List.of(), false)).hasMessageContaining("pid");
    }
}
