package io.leakwatch.attach;

import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the marker agent into every JVM a target with marker methods matches, once per process
 * (pid and start time): the first sample of a process triggers the load, on this listener's own
 * thread so sampling never waits for an attach. A failed load is retried on a later sample.
 */
public final class MarkerAgentListener implements SampleListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarkerAgentListener.class);

    private final MarkerAgentLoader loader;
    private volatile Map<String, List<String>> methodsByTarget;
    private final Set<TargetIdentity> handled = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leakwatch-marker-agent");
        t.setDaemon(true);
        return t;
    });

    /** @param methodsByTarget the marker methods of each target that has any */
    public MarkerAgentListener(MarkerAgentLoader loader, Map<String, List<String>> methodsByTarget) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.methodsByTarget = Map.copyOf(methodsByTarget);
    }

    /**
     * Takes the marker methods of a reloaded config. A process that already has the agent keeps
     * the methods it was loaded with (the agent loads once per JVM); new processes get the new ones.
     */
    public void retarget(Map<String, List<String>> methodsByTarget) {
        this.methodsByTarget = Map.copyOf(methodsByTarget);
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        List<String> methods = methodsByTarget.get(target);
        if (methods == null || methods.isEmpty()) {
            return;
        }
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s && handled.add(s.sample().identity())) {
                Sample sample = s.sample();
                worker.execute(() -> load(target, sample.identity(), methods));
            }
        }
    }

    private void load(String target, TargetIdentity identity, List<String> methods) {
        AgentLoadResult result = loader.load(identity.pid(), methods);
        if (result instanceof AgentLoadResult.Loaded loaded) {
            LOG.info("Marker agent loaded into {} (pid {}): marking at the end of {}", target, identity.pid(), loaded.methods());
        } else if (result instanceof AgentLoadResult.Failed failed) {
            handled.remove(identity);
            LOG.warn("Marker agent not loaded into {} (pid {}, {}): {}", target, identity.pid(), failed.kind().label(),
                    failed.message());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
