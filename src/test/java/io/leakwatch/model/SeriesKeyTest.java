package io.leakwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    @Test
    void theTextFormReadsBackAsTheSameSeries() {
        for (SeriesKey key : new SeriesKey[] {SeriesKey.HEAP, new SeriesKey.Type("[Ljava.lang.String;"),
                new SeriesKey.Type("com.example.Session"), new SeriesKey.Marker("session:v2")}) {
            assertThat(SeriesKey.parse(key.text())).isEqualTo(key);
        }
    }

    @Test
    void theTextFormIsTheOneStateFilesHold() {
        assertThat(SeriesKey.HEAP.text()).isEqualTo("heap");
        assertThat(new SeriesKey.Type("com.example.Session").text()).isEqualTo("type:com.example.Session");
        assertThat(new SeriesKey.Marker("session").text()).isEqualTo("marker:session");
        assertThat(SeriesKey.parse("marker:type:x")).isEqualTo(new SeriesKey.Marker("type:x"));
    }

    @Test
    void anUnknownFormIsRejectedByName() {
        assertThatThrownBy(() -> SeriesKey.parse("types:com.example.Session"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("types:com.example.Session");
        assertThatThrownBy(() -> SeriesKey.parse("type:")).isInstanceOf(IllegalArgumentException.class);
    }
}
