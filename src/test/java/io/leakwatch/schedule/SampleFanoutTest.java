package io.leakwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleFanoutTest {

    @Test
    void aThrowingConsumerDoesNotStarveTheOthers() {
        List<String> seen = new ArrayList<>();
        SampleFanout fanout = new SampleFanout()
                .add((target, outcomes) -> seen.add("first " + target))
                .add((target, outcomes) -> {
                    throw new IllegalStateException("consumer bug");
                })
                .add(new SampleListener() {
                    @Override
                    public void onRound(String target, List<SampleOutcome> outcomes) {
                        seen.add("third " + outcomes.size());
                    }

                    @Override
                    public void onMisfire(String target, int skippedFires) {
                        seen.add("misfire " + skippedFires);
                    }
                });
        fanout.onRound("api", List.of(new SampleOutcome.Failed("api", FailureKind.NOT_FOUND, "gone", Duration.ZERO)));
        fanout.onMisfire("api", 3);
        assertThat(seen).containsExactly("first api", "third 1", "misfire 3");
    }
}
