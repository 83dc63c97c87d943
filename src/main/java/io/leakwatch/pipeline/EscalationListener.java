package io.leakwatch.pipeline;

import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.sample.Escalations;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.MarkerLeakDetector;
import io.leakwatch.trend.TargetVerdicts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the samplers for histograms sooner (spending the {@code escalationPause} allowance) when the
 * cheap tier shows something the histograms must explain: the heap trend is suspect or confirmed
 * while no type is confirmed yet, a type is suspect, or marked objects outlived their grace in a
 * sample without our GC (one forced histogram then proves or dismisses each such label, once).
 *
 * <p>Once raised, an escalation holds for {@code minSamples + confirmAfter} histograms, enough for a
 * type window to be judged and confirmed; one negative heap evaluation does not call it off, since
 * the histograms it takes are what settles the question. It ends when that many histograms were
 * taken and nothing asks for more, or when every growing type is confirmed. The allowance, not this
 * listener, bounds what it costs. Runs after {@link DetectionListener}, whose verdicts it reads.
 */
public final class EscalationListener implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationListener.class);

    private final GrowthTracker tracker;
    private final Function<String, DetectorSettings> settings;
    private final Escalations escalations;
    private final Function<String, MarkerLeakDetector> markers;
    private final Map<String, Integer> histogramsLeft = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> markerLabelsTried = new ConcurrentHashMap<>();

    public EscalationListener(GrowthTracker tracker, Function<String, DetectorSettings> settings,
                              Function<String, MarkerLeakDetector> markers, Escalations escalations) {
        this.markers = Objects.requireNonNull(markers, "markers");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.escalations = Objects.requireNonNull(escalations, "escalations");
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        boolean histogram = false;
        boolean sampled = false;
        Set<String> overdue = new TreeSet<>();
        Set<String> tried = markerLabelsTried.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet());
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                Sample sample = s.sample();
                sampled = true;
                histogram |= sample.tier().hasHistogram();
                Set<String> past = Set.copyOf(markers.apply(target).confirmedLeaks(sample.markers()));
                tried.retainAll(past);
                if (sample.tier() != SampleTier.HISTOGRAM) {
                    past.stream().filter(l -> !tried.contains(l)).forEach(overdue::add);
                }
            }
        }
        if (!sampled) {
            return;
        }
        Optional<TargetVerdicts> latest = tracker.latest(target);
        String reason = latest.map(EscalationListener::reason).orElse(null);
        boolean growing = reason != null;
        boolean markersOverdue = !overdue.isEmpty();
        if (markersOverdue) {
            tried.addAll(overdue);
            reason = (reason == null ? "" : reason + "; ") + "marked objects past their grace " + overdue;
        }
        int left = histogramsLeft.getOrDefault(target, 0) - (histogram ? 1 : 0);
        if (reason != null) {
            DetectorSettings s = settings.apply(target);
            left = Math.max(left, markersOverdue && !growing ? 1
                    : s.minSamples() + s.confirmAfter());
            Escalations.Escalation before = escalations.of(target);
            escalations.escalate(target, new Escalations.Escalation(reason, markersOverdue,
                    markersOverdue || latest.map(EscalationListener::typeSuspect).orElse(false) ? Duration.ZERO
                            : spacing(s)));
            if (before == null) {
                LOG.info("target {}: {}; taking histograms sooner (escalationPause allowance)", target, reason);
            }
        }
        if (left > 0 && !latest.map(EscalationListener::allConfirmed).orElse(false)) {
            histogramsLeft.put(target, left);
        } else if (escalations.of(target) != null) {
            histogramsLeft.remove(target);
            escalations.settle(target);
            LOG.info("target {}: escalation over, histograms back to the pause budget", target);
        }
    }

    /** Drops a target no longer watched. */
    public void forget(String target) {
        histogramsLeft.remove(target);
        markerLabelsTried.remove(target);
        escalations.settle(target);
    }

    private static String reason(TargetVerdicts v) {
        boolean typeConfirmed = v.types().stream().anyMatch(t -> t.state() == LeakState.CONFIRMED);
        for (GrowthVerdict t : v.types()) {
            if (t.state() == LeakState.SUSPECT) {
                return "type " + t.type() + " suspect";
            }
        }
        if (v.heap().state() != LeakState.OK && !typeConfirmed) {
            return "heap " + v.heap().state().name().toLowerCase(java.util.Locale.ROOT) + ", no type confirmed";
        }
        return null;
    }

    /**
     * While only the heap is suspect, the histograms that will attribute its growth are spread
     * over {@code minSpan}: a type's window needs {@link DetectorSettings#attributionSamples()}
     * points over that span then, and taking them every round would pause the target twice as
     * often for nothing. Once a type is suspect its confirmations come every round.
     */
    private static Duration spacing(DetectorSettings s) {
        return s.minSpan().dividedBy(s.attributionSamples() - 1);
    }

    private static boolean typeSuspect(TargetVerdicts v) {
        return v.types().stream().anyMatch(t -> t.state() == LeakState.SUSPECT);
    }

    private static boolean allConfirmed(TargetVerdicts v) {
        return reason(v) == null && v.types().stream().anyMatch(t -> t.state() == LeakState.CONFIRMED);
    }
}
