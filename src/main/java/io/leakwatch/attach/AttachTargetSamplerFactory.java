package io.leakwatch.attach;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.Escalations;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.sample.TargetSamplerFactory;
import java.time.Clock;
import java.util.Objects;

/**
 * The attach adapter: samplers that reach local JVMs through jdk.attach and the local management
 * agent, and remote ones through JMX URLs. All samplers of one factory share its bounded pool of
 * remote-call threads.
 *
 * <p>Making the first factory installs the JVM-wide RMI client timeouts of {@link AttachSettings}
 * unless they were set already; make it before anything else in the daemon uses RMI. Creating a
 * sampler for a target with {@code jmxTls} adds its stores to the daemon-wide TLS context
 * (installing it the first time), so all targets made at start-up share one context before the
 * first connection, whatever order they connect in.
 */
public final class AttachTargetSamplerFactory implements TargetSamplerFactory {

    private final Clock clock;
    private final AttachSettings settings;
    private final RemoteCalls calls;
    private final JvmConnector connector;
    private final Escalations escalations = new Escalations();

    /** A factory with {@link AttachSettings#defaults()}. */
    public AttachTargetSamplerFactory(Clock clock) {
        this(clock, AttachSettings.defaults());
    }

    public AttachTargetSamplerFactory(Clock clock, AttachSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calls = new RemoteCalls(settings.maxCallThreads());
        this.connector = new JvmConnector(settings.rmiConnectTimeout());
        // done at start-up by the commands; here for factories made without them (a no-op after)
        RmiClientTimeouts.install(settings);
    }

    @Override
    public TargetSampler create(String target, TargetSelector selector, SamplingOptions options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(options, "options");
        if (selector instanceof TargetSelector.JmxUrl jmx && jmx.tls() != null) {
            connector.registerTls(jmx.tls());
        }
        return new AttachTargetSampler(target, selector, options, clock, settings.backOff(), calls, connector,
                escalations);
    }

    /** Where detection asks this factory's samplers for histograms sooner than their budget allows. */
    public Escalations escalations() {
        return escalations;
    }

    /**
     * A fresh connection to the JVM a sample came from, for work outside sampling such as
     * {@link JvmConnection#dumpHeap}. For a {@link TargetSelector.JmxUrl} it connects to the URL;
     * for the local selectors it attaches to {@code expected.pid()}. It fails with NOT_FOUND when
     * the JVM found is not {@code expected} (restarted meanwhile). The caller closes it.
     */
    public JvmConnection connect(TargetSelector selector, TargetIdentity expected, SamplingOptions options)
            throws JvmCallException {
        JvmAddress address = selector instanceof TargetSelector.JmxUrl jmx
                ? new JvmAddress.Remote(jmx.url(), jmx.username(), jmx.password(), jmx.tls())
                : new JvmAddress.Local(expected.pid());
        JvmConnection connection = connector.open(address, new CallGate(calls, address.key()), options);
        if (!connection.identity().sameProcess(expected)) {
            connection.close();
            throw new JvmCallException(FailureKind.NOT_FOUND, address.key() + " is now pid "
                    + connection.identity().pid() + " started at " + connection.identity().startTimeMillis()
                    + ", not the sampled pid " + expected.pid() + " started at " + expected.startTimeMillis());
        }
        return connection;
    }

    /** Threads running remote calls now, hung ones included (tests check these stay bounded). */
    int activeCallThreads() {
        return calls.activeThreads();
    }
}
