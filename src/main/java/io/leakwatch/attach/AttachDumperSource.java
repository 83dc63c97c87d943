package io.leakwatch.attach;

import io.leakwatch.capture.DumperSource;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SamplingOptions;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The capture's way to a sampled JVM: a fresh attach or JMX connection to the process of a
 * configured target, dumping through {@code HotSpotDiagnosticMXBean}. A JVM reached over a remote
 * JMX URL writes its dump on its own host, where the daemon cannot read it, so it is not dumped.
 */
public final class AttachDumperSource implements DumperSource {

    /**
     * How a configured target is reached.
     *
     * @param selector which JVM
     * @param sampling the attach and call timeouts
     */
    public record Route(TargetSelector selector, SamplingOptions sampling) {
        public Route {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(sampling, "sampling");
        }
    }

    private final AttachTargetSamplerFactory attach;
    private final Function<String, Optional<Route>> routes;

    /**
     * @param attach connects to JVMs
     * @param routes the route of each configured target, empty for one not (or no longer) configured
     */
    public AttachDumperSource(AttachTargetSamplerFactory attach, Function<String, Optional<Route>> routes) {
        this.attach = Objects.requireNonNull(attach, "attach");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    @Override
    public Dumper open(String target, TargetIdentity identity) throws IOException {
        Route route = routes.apply(target).orElseThrow(() -> new IOException("target " + target + " is not configured"));
        try {
            return new JvmHeapDumper(attach.connect(route.selector(), identity, route.sampling()));
        } catch (JvmCallException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public boolean canDump(String target) {
        return routes.apply(target).map(r -> !(r.selector() instanceof TargetSelector.JmxUrl)).orElse(false);
    }
}
