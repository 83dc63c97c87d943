package io.leakwatch.agent;

import io.leakwatch.markers.AgentMarks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at every exit of a configured method, normal or by exception: either way the caller is
 * done with the object. Suppressing every throwable keeps the target's method working even where
 * the marker classes cannot be linked (a class loader that does not see the agent jar).
 */
final class MarkAdvice {

    private MarkAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object self, @MarkLabel String label) {
        AgentMarks.mark(self, label);
    }
}
