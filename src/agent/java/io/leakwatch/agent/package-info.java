/**
 * The Java agent that marks objects without code changes: the daemon loads it into a target with
 * a list of methods ({@code com.example.Session#close}); Byte Buddy advice at each exit of those
 * methods calls {@link io.leakwatch.markers.AgentMarks#mark} with {@code this}.
 *
 * <p>The agent jar ({@code target/leakwatch-agent.jar}) is self-contained: these classes, the
 * marker classes and Byte Buddy relocated under {@code io.leakwatch.agent.shaded}, all Java 8
 * bytecode so older targets can load it. Classes already loaded are retransformed. When
 * {@code leakwatch-markers.jar} sits beside it, the agent puts that jar on the bootstrap class path
 * (see {@link io.leakwatch.agent.BootstrapMarkers}) so classes of any class loader can mark.
 */
package io.leakwatch.agent;
