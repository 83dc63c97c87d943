package io.leakwatch.markers;

/**
 * The management interface registered as {@code io.leakwatch:type=LeakMarkers} on the platform
 * MBean server when the first object is marked.
 */
public interface LeakMarkersMXBean {

    /** One entry per label ever marked; objects cleared by the GC are not counted. */
    Survivor[] getSurvivors();

    /** Whether marks placed by the LeakWatch agent's instrumentation are recorded (default true). */
    boolean isAgentMarking();

    /** Switches the agent's marks off (or on again); marks made by application code are unaffected. */
    void setAgentMarking(boolean enabled);
}
