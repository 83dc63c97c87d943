package io.leakwatch.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

class MarkerRegistryTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final MarkerRegistry registry = new MarkerRegistry(clock::get);

    @Test
    void countsKeptObjectsAndAgesTheOldestMark() {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Object o = new Object();
            kept.add(o);
            registry.mark(o, "cache");
            clock.addAndGet(1_000);
        }
        clock.set(10_000);

        assertThat(registry.survivors()).singleElement().satisfies(s -> {
            assertThat(s.getLabel()).isEqualTo("cache");
            assertThat(s.getAlive()).isEqualTo(3);
            assertThat(s.getOldestAgeMillis()).isEqualTo(9_000);
        });
        assertThat(kept).hasSize(3);
    }

    @Test
    void neverKeepsAMarkedObjectAlive() throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            registry.mark(new byte[32], "session");
        }
        Object kept = new Object();
        registry.mark(kept, "session");

        awaitSurvivors("session", 1);
        assertThat(registry.tracked()).as("cleared marks are dropped on read").isEqualTo(1);
        assertThat(registry.survivors().get(0).getOldestAgeMillis()).isZero();
        assertThat(kept).isNotNull();
    }

    @Test
    void clearedMarksAreExpungedWhileMarkingWithoutAnyRead() throws InterruptedException {
        for (int batch = 0; batch < 20; batch++) {
            for (int i = 0; i < 10_000; i++) {
                registry.mark(new byte[32], "request");
            }
            System.gc();
            Thread.sleep(20);
        }
        assertThat(registry.tracked()).as("of 200,000 marks of dead objects").isLessThan(30_000);
    }

    @Test
    void labelsAreSortedAndALabelWithNoSurvivorStaysListedWithZero() throws InterruptedException {
        Object kept = new Object();
        registry.mark(kept, "zeta");
        registry.mark(new Object(), "alpha");
        awaitSurvivors("alpha", 0);
        assertThat(registry.survivors()).extracting(Survivor::getLabel).containsExactly("alpha", "zeta");
        assertThat(registry.survivors().get(0).getOldestAgeMillis()).isZero();
        assertThat(kept).isNotNull();
    }

    @Test
    void labelsPastTheCapAreFoldedIntoOne() {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < MarkerRegistry.MAX_LABELS + 10; i++) {
            Object o = new Object();
            kept.add(o);
            registry.mark(o, "label-" + i);
        }
        List<Survivor> survivors = registry.survivors();
        assertThat(survivors).hasSize(MarkerRegistry.MAX_LABELS + 1);
        assertThat(survivors).filteredOn(s -> s.getLabel().equals(MarkerRegistry.OVERFLOW_LABEL))
                .singleElement().satisfies(s -> assertThat(s.getAlive()).isEqualTo(10));
        assertThat(kept).hasSize(MarkerRegistry.MAX_LABELS + 10);
    }

    @Test
    void agentMarksHonourTheSwitchAndApplicationMarksIgnoreIt() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        LeakMarkers.registry().agentMarking(false);
        try {
            AgentMarks.mark(a, "registry-test-agent");
            LeakMarkers.expectGone(b, "registry-test-app");
        } finally {
            LeakMarkers.registry().agentMarking(true);
        }
        AgentMarks.mark(c, "registry-test-agent-on");
        assertThat(LeakMarkers.survivors()).extracting(Survivor::getLabel)
                .contains("registry-test-app", "registry-test-agent-on").doesNotContain("registry-test-agent");
        assertThat(List.of(a, b, c)).hasSize(3);
    }

    @Test
    void nullLabelIsAProgrammingErrorAndNullObjectIsAlreadyGone() {
        assertThatThrownBy(() -> LeakMarkers.expectGone(new Object(), null)).isInstanceOf(NullPointerException.class);
        LeakMarkers.expectGone(null, "registry-test-null");
        assertThat(LeakMarkers.survivors()).extracting(Survivor::getLabel).doesNotContain("registry-test-null");
    }

    @Test
    void firstMarkRegistersTheMXBeanWithTheContractedItems() throws Exception {
        Object kept = new Object();
        LeakMarkers.expectGone(kept, "registry-test-mbean");
        Object value = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(LeakMarkers.OBJECT_NAME), "Survivors");
        assertThat(value).isInstanceOf(CompositeData[].class);
        CompositeData row = java.util.Arrays.stream((CompositeData[]) value)
                .filter(d -> d.get("label").equals("registry-test-mbean")).findFirst().orElseThrow();
        assertThat(row.get("alive")).isEqualTo(1L);
        assertThat(row.get("oldestAgeMillis")).isInstanceOf(Long.class);
        assertThat(Survivor.from(row).getAlive()).isEqualTo(1L);
        assertThat(kept).isNotNull();
    }

    @Test
    void markRefKeepsTheFieldsTheHeapAnalysisReads() throws NoSuchFieldException {
        Field label = MarkRef.class.getDeclaredField("label");
        Field markedAt = MarkRef.class.getDeclaredField("markedAtMillis");
        assertThat(label.getType()).isEqualTo(String.class);
        assertThat(markedAt.getType()).isEqualTo(long.class);
        assertThat(Modifier.isStatic(label.getModifiers()) || Modifier.isStatic(markedAt.getModifiers())).isFalse();
        assertThat(MarkRef.class.getSuperclass()).isEqualTo(java.lang.ref.WeakReference.class);
    }

    private void awaitSurvivors(String label, long alive) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            long now = registry.survivors().stream().filter(s -> s.getLabel().equals(label))
                    .mapToLong(Survivor::getAlive).sum();
            if (now == alive) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(registry.survivors()).as("survivors of " + label + " after 20 GCs")
                .anySatisfy(s -> assertThat(s.getAlive()).isEqualTo(alive));
    }
}
