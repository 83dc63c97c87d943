package io.leakwatch.model;

import java.util.Objects;

/**
 * Who a watched JVM is. A restarted JVM keeps its name but gets a new pid or start time, and its
 * history must not be joined to the old process's.
 *
 * @param pid            operating-system process id as the JVM reports it
 * @param startTimeMillis JVM start, epoch milliseconds ({@code RuntimeMXBean.getStartTime()})
 * @param mainClass      main class or display name, may be empty
 * @param vmVersion      {@code java.vm.version} of the target, may be empty
 */
public record TargetIdentity(long pid, long startTimeMillis, String mainClass, String vmVersion) {
    public TargetIdentity {
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(vmVersion, "vmVersion");
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
    }

    /** True when {@code other} is the same process, not a restart that reused the name. */
    public boolean sameProcess(TargetIdentity other) {
        return other != null && pid == other.pid && startTimeMillis == other.startTimeMillis;
    }
}
