package org.jstap.sim.kernel.kprobes;

import java.lang.instrument.Instrumentation;

/**
 * The Java agent that lets kprobes rewrite kernel classes while the kernel runs: the JVM's
 * counterpart of text patching. {@code bin/jstap} and the test JVMs load it with
 * {@code -javaagent:sim-kernel.jar}.
 */
public final class Agent {
    private static volatile Instrumentation instrumentation;

    private Agent() {}

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** The JVM's instrumentation, or null when the agent was not loaded. */
    static Instrumentation instrumentation() {
        return instrumentation;
    }
}
