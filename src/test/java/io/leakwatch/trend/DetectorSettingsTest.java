package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

    @Test
    void aBrokenRuleIsAValueNamingKeyValueAndReason() {
        DetectorSettings.InvalidSetting e = catchThrowableOfType(
                () -> DetectorSettings.defaults().toBuilder().minSamples(3).build(), DetectorSettings.InvalidSetting.class);

        assertThat(e.key()).isEqualTo("minSamples");
        assertThat(e.value()).isEqualTo("3");
        assertThat(e.reason()).isEqualTo("must be at least 4");
        assertThat(e).hasMessage("detector setting minSamples = 3 must be at least 4");
    }

    @Test
    void aRuleBetweenTwoSettingsNamesTheOneItIsWrittenOn() {
        DetectorSettings.InvalidSetting e = catchThrowableOfType(() -> DetectorSettings.defaults().toBuilder()
                .sawtoothPeriod(Duration.ofHours(1)).build(), DetectorSettings.InvalidSetting.class);

        assertThat(e.key()).isEqualTo("minSpan");
        assertThat(e.reason()).isEqualTo("must be at least three sawtoothPeriods (PT3H)");
    }

    @Test
    void theFlatBuilderFillsTheParts() {
        DetectorSettings s = DetectorSettings.defaults().toBuilder().minSamples(20).confirmAfter(3).maxPValue(0.05).build();

        assertThat(s.window().minSamples()).isEqualTo(20).isEqualTo(s.minSamples());
        assertThat(s.confirmation().confirmAfter()).isEqualTo(3);
        assertThat(s.significance().maxPValue()).isEqualTo(0.05);
        assertThat(s.floors()).isEqualTo(DetectorSettings.defaults().floors());
    }
}
