package io.leakwatch.attach;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.model.SampleTier;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.Escalations;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.PauseLedger;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the JVMs one target selects, keeping a connection per JVM between samples.
 *
 * <p>A JVM that fails rests for the back-off before it is tried again; while it rests, its
 * outcome is returned at once as the last failure, with a message that says it is backing off.
 * A broken cached connection is replaced once within the same sample, so a remote JVM that was
 * restarted behind the same URL is sampled (as a new identity) without a lost round. The JVMs are
 * sampled one after the other; a hung one costs its timeout once, then fails fast.
 *
 * <p>Logging: the first failure of a JVM is a WARN without stack trace, repeats are DEBUG, and the
 * recovery is INFO.
 */
final class AttachTargetSampler implements TargetSampler {

    private static final Logger LOG = LoggerFactory.getLogger(AttachTargetSampler.class);

    private final String target;
    private final TargetSelector selector;
    private final SamplingOptions options;
    private final Clock clock;
    private final BackOff backOff;
    private final RemoteCalls calls;
    private final JvmLocator locator = new JvmLocator();
    private final JvmConnector connector;
    private final Escalations escalations;
    private final JvmSampleTaker taker = new JvmSampleTaker();
    private final Map<String, JvmSession> sessions = new LinkedHashMap<>();
    private boolean notFoundWarned;
    private boolean closed;

    AttachTargetSampler(String target, TargetSelector selector, SamplingOptions options, Clock clock,
                        BackOff backOff, RemoteCalls calls, JvmConnector connector, Escalations escalations) {
        this.escalations = escalations;
        this.target = target;
        this.selector = selector;
        this.options = options;
        this.clock = clock;
        this.backOff = backOff;
        this.calls = calls;
        this.connector = connector;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public synchronized List<SampleOutcome> sampleAll() {
        if (closed) {
            throw new IllegalStateException("sampler for " + target + " is closed");
        }
        long start = System.nanoTime();
        List<JvmAddress> addresses;
        try {
            addresses = locator.locate(selector);
        } catch (JvmCallException e) {
            forgetIdleSessions(Set.of());
            logNotFound(e.getMessage());
            return List.of(new SampleOutcome.Failed(target, e.kind(), e.getMessage(), since(start)));
        }
        if (notFoundWarned) {
            LOG.info("target {}: found {} JVM(s) again", target, addresses.size());
            notFoundWarned = false;
        }
        List<SampleOutcome> outcomes = new ArrayList<>(addresses.size());
        Set<String> keys = new HashSet<>();
        for (JvmAddress address : addresses) {
            keys.add(address.key());
            JvmSession session = sessions.computeIfAbsent(address.key(),
                    k -> new JvmSession(address, new CallGate(calls, k), options.pause()));
            outcomes.add(sampleOne(session));
        }
        forgetIdleSessions(keys);
        return outcomes;
    }

    private SampleOutcome sampleOne(JvmSession session) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        if (session.failures > 0 && now.isBefore(session.nextAttempt)) {
            return new SampleOutcome.Failed(target, session.lastKind, session.lastMessage + " (backing off after "
                    + session.failures + " failure(s); next attempt at " + session.nextAttempt + ")", since(start));
        }
        try {
            JvmSampleTaker.Taken taken = takeWithReconnect(session, now, start);
            noteSuccess(session, taken);
            return new SampleOutcome.Sampled(taken.sample());
        } catch (JvmCallException e) {
            return noteFailure(session, e, now, start);
        }
    }

    private JvmSampleTaker.Taken takeWithReconnect(JvmSession session, Instant now, long start) throws JvmCallException {
        if (session.connection != null && session.connection.broken()) {
            session.dropConnection();
        }
        boolean reused = session.connection != null;
        try {
            return takeOnce(session, now, start);
        } catch (JvmCallException e) {
            if (!reused || e.kind() != FailureKind.CONNECTION_FAILED) {
                throw e;
            }
            LOG.debug("target {} {}: cached connection failed ({}), reconnecting", target, session.address.key(), e.getMessage());
            session.dropConnection();
            return takeOnce(session, now, start);
        }
    }

    private JvmSampleTaker.Taken takeOnce(JvmSession session, Instant now, long start) throws JvmCallException {
        Duration connect = Duration.ZERO;
        if (session.connection == null) {
            long connectStart = System.nanoTime();
            session.connection = connector.open(session.address, session.gate, options);
            connect = since(connectStart);
        }
        try {
            return takePlanned(session, now, start, connect);
        } catch (JvmCallException e) {
            if (e.kind() != FailureKind.BAD_RESPONSE) {
                session.dropConnection();
            }
            throw e;
        }
    }

    /**
     * A histogram when the pause budget (or an escalation) allows one, else the live heap the
     * target's own GCs reported, at no pause. Every histogram's measured pause is booked.
     */
    private JvmSampleTaker.Taken takePlanned(JvmSession session, Instant now, long start, Duration connect)
            throws JvmCallException {
        JvmConnection connection = session.connection;
        if (options.pause().unlimited()) {
            return taker.take(target, connection, now, start, connect, SampleTier.HISTOGRAM);
        }
        GcReading reading = connection.gcReading();
        long live = reading.liveHeapBytes();
        Escalations.Escalation escalation = escalations.of(target);
        boolean regular = session.ledger.plan(now, false, live) != PauseLedger.Plan.GC_REPORTED;
        PauseLedger.Plan plan = session.ledger.plan(now, escalation != null, escalation == null || escalation.forcedGc(),
                escalation == null ? Duration.ZERO : escalation.spacing(), live);
        if (regular || plan != PauseLedger.Plan.HISTOGRAM_NO_GC) {
            noteLimit(session, plan, live); // an escalation's -all is its choice, not a limit
        }
        switch (plan) {
            case GC_REPORTED -> {
                return taker.takeReported(target, connection, now, start, connect, reading, SampleTier.GC_REPORTED);
            }
            case SKIP_MAX_PAUSE -> {
                return taker.takeReported(target, connection, now, start, connect, reading,
                        SampleTier.SKIPPED_MAX_PAUSE);
            }
            default -> {
                // An escalated histogram attributes growth to types; the walk alone does that at about
                // half the pause (the ledger plans it so), unless marker survivors need the forced GC.
                boolean withGc = plan == PauseLedger.Plan.HISTOGRAM;
                SampleTier tier = withGc ? SampleTier.HISTOGRAM : SampleTier.HISTOGRAM_NO_GC;
                JvmSampleTaker.Taken taken = taker.take(target, connection, now, start, connect, tier);
                session.ledger.record(now, plan, taken.sample().pause(), live, !regular);
                if (!regular) {
                    LOG.info("target {} pid {}: escalated histogram{} ({}), pause {} ms; {} % of the window spent",
                            target, connection.identity().pid(), withGc ? "" : " -all", escalation.reason(), taken.sample().pause().toMillis(),
                            String.format(java.util.Locale.ROOT, "%.3f", 100 * session.ledger.spentRatio(now)));
                }
                return taken;
            }
        }
    }

    /** Logs at WARN when a JVM's histograms become limited by maxPause (or stop being), then DEBUG. */
    private void noteLimit(JvmSession session, PauseLedger.Plan plan, long live) {
        if (plan == PauseLedger.Plan.GC_REPORTED) {
            return;
        }
        PauseLedger.Plan limit = plan == PauseLedger.Plan.HISTOGRAM ? null : plan;
        if (limit == session.limitLogged) {
            if (limit != null) {
                LOG.debug("target {} {}: {} (maxPause {})", target, session.address.key(), limit, options.pause().maxPause());
            }
            return;
        }
        if (limit == PauseLedger.Plan.HISTOGRAM_NO_GC) {
            LOG.warn("target {} {}: a histogram with its forced GC would pause the JVM longer than maxPause {} at {} MiB"
                    + " live; taking GC.class_histogram -all (no GC: type counts include uncollected garbage)",
                    target, session.address.key(), options.pause().maxPause(), live >> 20);
        } else if (limit == PauseLedger.Plan.SKIP_MAX_PAUSE) {
            LOG.warn("target {} {}: even GC.class_histogram -all would pause the JVM longer than maxPause {} at {} MiB"
                    + " live; histograms skipped (leakwatch_samples_by_tier_total tier=skipped_max_pause),"
                    + " type series not refreshed; raise maxPause to get them", target, session.address.key(),
                    options.pause().maxPause(), live >> 20);
        } else {
            LOG.info("target {} {}: histograms fit maxPause {} again", target, session.address.key(),
                    options.pause().maxPause());
        }
        session.limitLogged = limit;
    }

    private void noteSuccess(JvmSession session, JvmSampleTaker.Taken taken) {
        TargetIdentity identity = taken.sample().identity();
        if (session.lastIdentity != null && !session.lastIdentity.sameProcess(identity)) {
            LOG.info("target {} {}: a new JVM (pid {}, started {}) replaced pid {} (started {})", target,
                    session.address.key(), identity.pid(), identity.startTimeMillis(),
                    session.lastIdentity.pid(), session.lastIdentity.startTimeMillis());
        }
        session.lastIdentity = identity;
        if (session.warned) {
            LOG.info("target {} {}: sampling recovered", target, session.address.key());
        }
        session.warned = false;
        session.failures = 0;
        SampleTimings t = taken.timings();
        LOG.debug("target {} pid {}: connect {} ms, histogram {} ms, parse {} ms, pause {} ms ({}), {} odd lines",
                target, identity.pid(), t.connect().toMillis(), t.histogram().toMillis(), t.parse().toMillis(),
                t.pause().toMillis(), t.pauseFromSafepoints() ? "safepoint counter" : "wall-time bound",
                taken.skippedLines());
    }

    private SampleOutcome noteFailure(JvmSession session, JvmCallException e, Instant now, long start) {
        session.lastKind = e.kind();
        session.lastMessage = e.getMessage();
        if (e.kind() != FailureKind.NOT_FOUND) {
            session.failures++;
            session.nextAttempt = now.plus(backOff.delayAfter(session.failures));
        }
        if (!session.warned) {
            session.warned = true;
            LOG.warn("target {} {}: {} - {}", target, session.address.key(), e.kind().label(), e.getMessage());
        } else {
            LOG.debug("target {} {}: {} - {} (failure {})", target, session.address.key(), e.kind().label(),
                    e.getMessage(), session.failures);
        }
        return new SampleOutcome.Failed(target, e.kind(), e.getMessage(), since(start));
    }

    private void logNotFound(String message) {
        if (!notFoundWarned) {
            LOG.warn("target {}: not_found - {}", target, message);
            notFoundWarned = true;
        } else {
            LOG.debug("target {}: not_found - {}", target, message);
        }
    }

    /** Forgets JVMs no longer selected, except those with a call still hanging (their gate stays shut). */
    private void forgetIdleSessions(Set<String> selected) {
        for (Iterator<JvmSession> it = sessions.values().iterator(); it.hasNext(); ) {
            JvmSession session = it.next();
            if (!selected.contains(session.address.key())) {
                session.dropConnection();
                if (!session.gate.busy()) {
                    it.remove();
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        sessions.values().forEach(JvmSession::dropConnection);
        sessions.clear();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
