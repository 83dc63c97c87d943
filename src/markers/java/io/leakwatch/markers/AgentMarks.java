package io.leakwatch.markers;

/**
 * The entry point the LeakWatch agent's instrumentation calls at the end of a configured method;
 * not for applications (they call {@link LeakMarkers#expectGone}). Unlike that method it honours
 * the MBean's {@code AgentMarking} switch, so an operator can turn the agent's marks off without
 * restarting the target.
 */
public final class AgentMarks {

    private AgentMarks() {
    }

    /** Marks {@code object} under {@code label} unless agent marking is switched off. */
    public static void mark(Object object, String label) {
        MarkerRegistry registry = LeakMarkers.registry();
        if (object != null && registry.agentMarking()) {
            registry.mark(object, label);
        }
    }
}
