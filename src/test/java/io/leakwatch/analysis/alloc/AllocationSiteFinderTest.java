package io.leakwatch.analysis.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationSiteFinderTest {

    private static final StackFrame GROW = new StackFrame("java.util.Arrays", "copyOf", 3512);
    private static final StackFrame ADD = new StackFrame("java.util.ArrayList", "add", 455);
    private static final StackFrame SESSION_INIT = new StackFrame("com.example.Session", "<init>", 20);
    private static final StackFrame OPEN = new StackFrame("com.example.Server", "open", 41);
    private static final StackFrame HANDLE = new StackFrame("com.example.Server", "handle", 77);
    private static final StackFrame RUN = new StackFrame("com.example.Worker", "run", 9);
    private static final StackFrame THREAD = new StackFrame("java.lang.Thread", "run", 833);

    private final AllocationSiteFinder finder = new AllocationSiteFinder(FrameFilter.defaults(), 3);

    @Test
    void groupsSamplesOfTheLeakingTypesByTheirApplicationStack() {
        List<SampledObject> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(new SampledObject("[B", List.of(SESSION_INIT, OPEN, HANDLE, RUN, THREAD), 1_000L * i));
        }
        samples.add(new SampledObject("byte[]", List.of(GROW, ADD, HANDLE, RUN, THREAD), 70_000));
        samples.add(new SampledObject("java.lang.String", List.of(HANDLE, RUN), 90_000));

        AllocationSites sites = finder.find(samples, List.of("byte[]"));

        assertThat(sites.samples()).isEqualTo(6);
        assertThat(sites.totalSamples()).isEqualTo(7);
        assertThat(sites.sites()).extracting(AllocationSite::samples).containsExactly(5, 1);
        AllocationSite first = sites.sites().get(0);
        assertThat(first.type()).isEqualTo("byte[]");
        assertThat(first.frames()).containsExactly(SESSION_INIT, OPEN, HANDLE);
        assertThat(first.oldestAgeMillis()).isEqualTo(4_000);
        // the JDK frames above the application's are trimmed, those below it too
        assertThat(sites.sites().get(1).frames()).containsExactly(HANDLE, RUN);
        assertThat(first.describe()).isEqualTo(
                "5 × byte[] allocated at com.example.Session.<init>:20 ← com.example.Server.open:41"
                        + " ← com.example.Server.handle:77 (oldest 4 s)");
    }

    @Test
    void keepsOnlyTheTopSitesMostSampledFirst() {
        List<SampledObject> samples = new ArrayList<>();
        List<StackFrame> sites = List.of(SESSION_INIT, OPEN, HANDLE, RUN);
        for (int s = 0; s < sites.size(); s++) {
            for (int i = 0; i <= s; i++) {
                samples.add(new SampledObject("com.example.Session", List.of(sites.get(s)), 10));
            }
        }
        AllocationSites found = new AllocationSiteFinder(FrameFilter.defaults(), 2).find(samples, List.of("com.example.Session"));
        assertThat(found.sites()).extracting(site -> site.frames().get(0)).containsExactly(RUN, HANDLE);
        assertThat(found.samples()).isEqualTo(10);
    }

    @Test
    void applicationPackagesNarrowTheFramesShown() {
        FrameFilter server = FrameFilter.defaults().withApplicationPackages(List.of("com.example.Server"));
        AllocationSites found = new AllocationSiteFinder(server, 3).find(
                List.of(new SampledObject("[B", List.of(SESSION_INIT, OPEN, RUN), 5)), List.of("byte[]"));
        assertThat(found.sites().get(0).frames()).containsExactly(OPEN);
    }

    @Test
    void lambdaClassesAreNotApplicationFrames() {
        StackFrame lambda = new StackFrame("com.example.Server$$Lambda$2+0x0000000800c01000.1234", "run", -1);
        assertThat(FrameFilter.defaults().collapse(List.of(OPEN, lambda, RUN))).containsExactly(OPEN, RUN);
    }

    @Test
    void withoutSamplesOfTheTypesFallsBackToApplicationAllocations() {
        List<SampledObject> samples = List.of(
                new SampledObject("com.example.Order", List.of(OPEN), 5),
                new SampledObject("java.lang.Object[]", List.of(GROW, ADD), 5));
        AllocationSites found = finder.find(samples, List.of("com.example.Missing"));
        assertThat(found.sites()).singleElement().satisfies(s -> assertThat(s.type()).isEqualTo("com.example.Order"));
        assertThat(found.samples()).isEqualTo(1);
    }

    @Test
    void aStackWithoutApplicationFramesIsSaidSo() {
        AllocationSites found = finder.find(List.of(new SampledObject("[Ljava.lang.Object;", List.of(GROW, ADD), 2_500)),
                List.of("java.lang.Object[]"));
        assertThat(found.describe()).isEqualTo("1 × java.lang.Object[] allocated outside application code (oldest 2 s)");
    }

    @Test
    void noSamplesNoSites() {
        assertThat(finder.find(List.of(), List.of("byte[]"))).isEqualTo(new AllocationSites(List.of(), 0, 0));
        assertThat(AllocationSites.NONE.describe()).isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new AllocationSiteFinder(FrameFilter.defaults(), 0)).hasMessageContaining("top");
        assertThatThrownBy(() -> new SampledObject("x", List.of(), -1)).hasMessageContaining("ageMillis");
        assertThatThrownBy(() -> new StackFrame("", "m", 1)).hasMessageContaining("needs a type");
        assertThat(TypeNames.javaName("[[I")).isEqualTo("int[][]");
        assertThat(TypeNames.javaName("java/util/HashMap$Node")).isEqualTo("java.util.HashMap$Node");
    }
}
