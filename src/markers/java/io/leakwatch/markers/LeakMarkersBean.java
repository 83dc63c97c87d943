package io.leakwatch.markers;

import java.util.List;

/** The registered MXBean: a read-only view of the registry plus the agent switch. */
final class LeakMarkersBean implements LeakMarkersMXBean {

    private final MarkerRegistry registry;

    LeakMarkersBean(MarkerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Survivor[] getSurvivors() {
        List<Survivor> survivors = registry.survivors();
        return survivors.toArray(new Survivor[0]);
    }

    @Override
    public boolean isAgentMarking() {
        return registry.agentMarking();
    }

    @Override
    public void setAgentMarking(boolean enabled) {
        registry.agentMarking(enabled);
    }
}
