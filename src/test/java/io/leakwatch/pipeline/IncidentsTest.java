package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.alert.LeakNotice;
import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.model.TargetIdentity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentsTest {

    private static final TargetIdentity APP = new TargetIdentity(42, 1000, "App", "17");
    private static final String FEED = "feed-listeners";
    private static final String CACHE = "jdk-cache";

    private static LeakFinding finding(String signature, String type, long retained, String series) {
        return new LeakFinding(signature, "1,000 × " + type + " held by Feed.listeners", "chain of " + type, retained,
                1000, SeriesKey.parse(series), 1);
    }

    private static ConfirmedLeak leak(LeakTrigger... triggers) {
        return new ConfirmedLeak("app", APP, List.of(triggers), List.of("[B", "com.example.Session"), true, LeakTrend.NONE);
    }

    @Test
    void typesAndMarkedSurvivorsUnderOneHolderAreOneNotice() {
        Incidents incidents = new Incidents();
        List<LeakNotice> notices = incidents.fromFindings(
                leak(LeakTrigger.marker("session", 1200, 5000), LeakTrigger.type("[B", 9e6, 0.4, 12)),
                List.of(finding(FEED, "byte[]", 700_000, "type:[B"),
                        finding(FEED, "surviving object(s) marked \"session\"", 750_000, "marker:session"),
                        finding(FEED, "com.example.Session", 50_000, "type:com.example.Session")),
                "http://report");

        assertThat(notices).hasSize(1);
        LeakNotice n = notices.get(0);
        assertThat(n.signature()).isEqualTo(FEED);
        // led by the largest finding, the growth said first and the marks as further evidence
        assertThat(n.summary()).startsWith("app: 1,000 × surviving object(s) marked \"session\" held by Feed.listeners")
                .contains("(byte[] grows ", "; 1,200 object(s) marked \"session\" still alive")
                .endsWith(" — also growing: byte[], com.example.Session");
        assertThat(n.labels()).containsEntry("kind", "type_growth");
        assertThat(n.topChains()).isEqualTo("chain of surviving object(s) marked \"session\"");
        // every series the point explains, the heap too, is filed under it for later confirmations
        for (String key : List.of("type:[B", "marker:session", "type:com.example.Session", "heap")) {
            assertThat(incidents.explaining("app", SeriesKey.parse(key))).as(key).contains(FEED);
        }
    }

    @Test
    void aSmallPointBesideALargeOneDoesNotAlertAndAtMostThreeDo() {
        Incidents incidents = new Incidents();
        List<LeakNotice> small = incidents.fromFindings(leak(LeakTrigger.type("[B", 9e6, 0.4, 12)),
                List.of(finding(FEED, "byte[]", 1_000_000, "type:[B"), finding(CACHE, "java.lang.String", 100_000, "type:java.lang.String")),
                "");
        assertThat(small).extracting(LeakNotice::signature).containsExactly(FEED);

        // the heap grows: any growing type's holder may be where
        List<LeakNotice> many = new Incidents().fromFindings(leak(LeakTrigger.heap(9e6, 0.4, 12)),
                List.of(finding("a", "A", 1_000_000, "type:A"), finding("b", "B", 900_000, "type:B"), finding("c", "C", 800_000, "type:C"),
                        finding("d", "D", 700_000, "type:D")), "");
        assertThat(many).extracting(LeakNotice::signature).containsExactly("a", "b", "c");
    }

    @Test
    void onlyTheLargestHolderOfAGrowingTypeAlerts() {
        // a redeploy leak's table and the container's own jar buffer both hold byte[]: one leak
        List<LeakNotice> notices = new Incidents().fromFindings(leak(LeakTrigger.type("[B", 9e6, 0.4, 12),
                        LeakTrigger.type("com.example.Session", 1e6, 0.2, 12)),
                List.of(finding(FEED, "byte[]", 768_000, "type:[B"), finding(CACHE, "byte[]", 236_000, "type:[B"),
                        finding("sessions", "com.example.Session", 300_000, "type:com.example.Session")),
                "");
        assertThat(notices).extracting(LeakNotice::signature).containsExactly(FEED, "sessions");
    }

    @Test
    void markedObjectsWithinTheirGraceAreEvidenceNotALeakOfTheirOwn() {
        Incidents incidents = new Incidents();
        List<LeakNotice> notices = incidents.fromFindings(leak(LeakTrigger.type("[B", 9e6, 0.4, 12)),
                List.of(finding(FEED, "byte[]", 700_000, "type:[B"),
                        finding(FEED, "surviving object(s) marked \"session\"", 650_000, "marker:session"),
                        finding(CACHE, "surviving object(s) marked \"request\"", 600_000, "marker:request")),
                "");
        assertThat(notices).extracting(LeakNotice::signature).containsExactly(FEED);
        // once the sessions outlive their grace, they are known to be kept by the alerted leak
        assertThat(incidents.explaining("app", new SeriesKey.Marker("session"))).contains(FEED);
    }

    @Test
    void aTypeTheCaptureDidNotConfirmSaysSoAndNamesWhatWasCaptured() {
        List<LeakNotice> notices = new Incidents().fromFindings(leak(LeakTrigger.heap(9e6, 0.4, 12)),
                List.of(finding(FEED, "byte[]", 700_000, "type:[B"), finding(CACHE, "java.lang.String", 600_000,
                        "type:java.lang.String")), "");
        // the largest point stands for the growing heap; the next one for a type nothing confirmed
        assertThat(notices.get(0).summary()).contains("(live heap grows");
        assertThat(notices.get(0).labels()).containsEntry("kind", "heap_growth");
        assertThat(notices.get(1).summary()).contains("(a type that grows, not confirmed alone; captured for: live heap grows");
        assertThat(notices.get(1).labels()).containsEntry("kind", "type_growth");
    }

    @Test
    void aTypeThatOnlyGrewAlongsideAConfirmedOneDoesNotLeadItsOwnAlert() {
        // walk-only histograms count byte[] garbage: it grows fastest, and its largest holder is a
        // fixed ring of buffers; the confirmed type's finding covers 1 % of its 5 M instances
        LeakFinding buffers = finding("buffers", "byte[]", 38_600_000, "type:[B");
        LeakFinding entries = new LeakFinding("registry", "50,000 × LeakedEntry held by LeakRegistry.entries", "chain",
                1_500_000, 50_000, new SeriesKey.Type("LeakedEntry"), 0.01);
        List<LeakNotice> notices = new Incidents().fromFindings(leak(LeakTrigger.type("LeakedEntry", 1.8e9, 0.6, 12)),
                List.of(buffers, entries), "");
        assertThat(notices).extracting(LeakNotice::signature).containsExactly("registry");

        // a trigger with no holder in the dump: the fastest grower's holder is where to look
        List<LeakNotice> unheld = new Incidents().fromFindings(leak(LeakTrigger.type("java.lang.Object", 1.6e6, 0.1, 12)),
                List.of(buffers), "");
        assertThat(unheld).extracting(LeakNotice::signature).containsExactly("buffers");

        // with the heap growing too, either may be where: the sampled finding ranks by its estimate (150 MB)
        List<LeakNotice> withHeap = new Incidents().fromFindings(leak(LeakTrigger.type("LeakedEntry", 1.8e9, 0.6, 12),
                LeakTrigger.heap(1.8e9, 0.3, 12)), List.of(buffers, entries), "");
        assertThat(withHeap).extracting(LeakNotice::signature).containsExactly("registry", "buffers");
    }

    @Test
    void aLargerHolderOfATypeThatOnlyGrewAlongsideDoesNotSilenceTheHolderOfWhatConfirmed() {
        // an audit trail grows slowly in a heap with a large reference table: both hold strings,
        // the table far more of them, but only the audit records confirmed
        LeakFinding table = finding("reference", "java.lang.String", 48_000_000, "type:java.lang.String");
        LeakFinding audit = finding("audit", "AuditRecord", 2_000_000, "type:AuditRecord");
        ConfirmedLeak leak = leak(LeakTrigger.type("AuditRecord", 3.6e6, 0.1, 12));
        assertThat(new Incidents().alerting(leak, List.of(table, audit))).extracting(g -> g.get(0).signature())
                .containsExactly("audit");
        assertThat(new Incidents().fromFindings(leak, List.of(table, audit), "")).extracting(LeakNotice::signature)
                .containsExactly("audit");
    }

    @Test
    void aSeriesConfirmedLaterJoinsTheIncidentAsAlsoGrowing() {
        Incidents incidents = new Incidents();
        LeakNotice first = incidents.fromFindings(leak(LeakTrigger.type("[B", 9e6, 0.4, 12)),
                List.of(finding(FEED, "byte[]", 700_000, "type:[B"),
                        finding(FEED, "java.lang.Object[]", 10_000, "type:[Ljava.lang.Object;")), "").get(0);

        LeakNotice joined = incidents.join(first, new SeriesKey.Marker("session"));

        assertThat(joined.signature()).isEqualTo(first.signature());
        assertThat(joined.summary()).endsWith(" — also growing: java.lang.Object[], objects marked \"session\"");
        assertThat(incidents.incident("app", FEED)).contains(joined);
        // the lead and the heap do not list themselves
        assertThat(incidents.join(joined, new SeriesKey.Type("[B")).summary()).isEqualTo(joined.summary());
        assertThat(incidents.join(joined, SeriesKey.HEAP).summary()).isEqualTo(joined.summary());
    }

    @Test
    void waitingSeriesMergeAndOnlyThoseStillConfirmedAreTaken() {
        Incidents incidents = new Incidents();
        incidents.await(leak(LeakTrigger.type("[B", 9e6, 0.4, 12)));
        incidents.await(leak(LeakTrigger.marker("session", 10, 7000)));

        ConfirmedLeak waiting = incidents.takeWaiting("app", Set.of(new SeriesKey.Marker("session"))).orElseThrow();

        assertThat(waiting.triggers()).extracting(LeakTrigger::key).containsExactly(new SeriesKey.Marker("session"));
        assertThat(incidents.takeWaiting("app", Set.of(new SeriesKey.Marker("session")))).isEmpty();
    }

    @Test
    void aRestartForgetsWhatTheCapturesShowed() {
        Incidents incidents = new Incidents();
        incidents.fromFindings(leak(LeakTrigger.type("[B", 9e6, 0.4, 12)), List.of(finding(FEED, "byte[]", 1, "type:[B")), "");
        assertThat(incidents.captured("app")).isTrue();

        incidents.forget("app");

        assertThat(incidents.captured("app")).isFalse();
        assertThat(incidents.explaining("app", new SeriesKey.Type("[B"))).isEmpty();
    }
}
