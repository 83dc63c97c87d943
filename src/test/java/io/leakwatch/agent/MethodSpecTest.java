package io.leakwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodSpecTest {

    @Test
    void labelDefaultsToTheMethodText() {
        MethodSpec spec = MethodSpec.parse("com.example.Session#close");
        assertThat(spec.className()).isEqualTo("com.example.Session");
        assertThat(spec.methodName()).isEqualTo("close");
        assertThat(spec.label()).isEqualTo("com.example.Session#close");
    }

    @Test
    void explicitLabelAndNestedTypes() {
        MethodSpec spec = MethodSpec.parse(" com.example.Pool$Lease#release=lease ");
        assertThat(spec.className()).isEqualTo("com.example.Pool$Lease");
        assertThat(spec.label()).isEqualTo("lease");
    }

    @Test
    void optionStringRoundTrips() {
        List<MethodSpec> specs = MethodSpec.parseAll("a.B#close,c.D#end=d");
        assertThat(MethodSpec.parseAll(MethodSpec.join(specs))).isEqualTo(specs);
        assertThat(MethodSpec.parseAll(null)).isEmpty();
        assertThat(MethodSpec.parseAll(" , ")).isEmpty();
    }

    @Test
    void theSameMethodUnderAnotherLabelIsTheSameSpec() {
        assertThat(MethodSpec.parse("a.B#close=x")).isEqualTo(MethodSpec.parse("a.B#close=y"))
                .hasSameHashCodeAs(MethodSpec.parse("a.B#close"));
        assertThat(MethodSpec.parse("a.B#close")).isNotEqualTo(MethodSpec.parse("a.B#end"));
    }

    @Test
    void malformedEntriesNameTheTextAndTheForm() {
        for (String bad : List.of("Session", "com.example.Session#", "#close", "a.B#close=", "a.B#cl-ose", "a..B#close")) {
            assertThatThrownBy(() -> MethodSpec.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("com.example.Type#method");
        }
    }
}
