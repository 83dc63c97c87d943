package io.leakwatch.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The agent the daemon loads into a target (or {@code -javaagent:leakwatch-agent.jar=specs}): marks
 * {@code this} at the end of each configured method, retransforming classes already loaded.
 *
 * <p>Loading it again with methods already instrumented does nothing; new methods are added. The
 * installed list is published as the system property {@value #METHODS_PROPERTY}, which the daemon
 * checks before loading. Nothing is ever uninstalled: advice left behind after the configuration
 * drops a method only costs a mark, and the MBean's {@code AgentMarking} attribute turns that off.
 */
public final class MarkerAgent {

    /** System property in the target listing the instrumented methods, in option-string form. */
    public static final String METHODS_PROPERTY = "leakwatch.markers.agent.methods";

    private static final Set<MethodSpec> INSTALLED = new LinkedHashSet<MethodSpec>();

    private MarkerAgent() {
    }

    public static void premain(String options, Instrumentation inst) {
        agentmain(options, inst);
    }

    public static synchronized void agentmain(String options, Instrumentation inst) {
        List<MethodSpec> fresh = new ArrayList<MethodSpec>();
        for (MethodSpec spec : MethodSpec.parseAll(options)) {
            if (!INSTALLED.contains(spec) && !fresh.contains(spec)) {
                fresh.add(spec);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        if (INSTALLED.isEmpty()) {
            BootstrapMarkers.share(inst);
        }
        List<MethodSpec> all = new ArrayList<MethodSpec>(INSTALLED);
        all.addAll(fresh);
        install(fresh, all, inst);
        INSTALLED.addAll(fresh);
        System.setProperty(METHODS_PROPERTY, MethodSpec.join(INSTALLED));
    }

    /**
     * Installs a transformer advising {@code fresh}. It matches the classes of every installed
     * method, though, and rediscovers until no new class shows up: Byte Buddy's transformers share
     * a circularity lock, so a class first loaded while this one retransforms (the verifier loads
     * classes) is skipped by the earlier transformers, and retransforming it here runs them all.
     */
    private static void install(final List<MethodSpec> fresh, List<MethodSpec> all, Instrumentation inst) {
        ElementMatcher.Junction<TypeDescription> types = none();
        for (MethodSpec spec : all) {
            types = types.or(named(spec.className()));
        }
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
                .type(types)
                .transform((builder, type, loader, module, domain) -> advise(builder, type, fresh))
                .installOn(inst);
    }

    private static DynamicType.Builder<?> advise(
            DynamicType.Builder<?> builder, TypeDescription type, List<MethodSpec> specs) {
        for (MethodSpec spec : specs) {
            if (spec.className().equals(type.getName())) {
                ElementMatcher<MethodDescription> method =
                        named(spec.methodName()).and(not(isStatic())).and(not(isAbstract()));
                builder = builder.visit(Advice.withCustomMapping()
                        .bind(MarkLabel.class, spec.label())
                        .to(MarkAdvice.class)
                        .on(method));
            }
        }
        return builder;
    }
}
