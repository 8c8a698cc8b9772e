package org.jstap.lang.elaborate;

/** What a probe point resolved to: the kind of event and its parameters. */
public sealed interface ResolvedPoint {
    /** The point as pp() reports it. */
    String text();

    record Begin(String text, long sequence) implements ResolvedPoint {}

    record End(String text, long sequence) implements ResolvedPoint {}

    record Error(String text, long sequence) implements ResolvedPoint {}

    /**
     * {@code timer.ms(N)} and friends, in virtual time: every {@code intervalNs}, plus a random
     * {@code 0..randomizeNs} when {@code .randomize(M)} is given.
     */
    record Timer(String text, long intervalNs, long randomizeNs) implements ResolvedPoint {}

    /** {@code kernel.function("name@file")[.return]}: entry or return of a kernel function. */
    /** {@code maxActive}: a return probe's {@code .maxactive(N)}, 0 for the kernel's default. */
    record KernelFunction(String text, String function, String file, boolean isReturn, int maxActive,
                          java.lang.reflect.Method method) implements ResolvedPoint {
        /** {@code kprobe.function}: a symbol only, as without debuginfo, so no $target variables. */
        public boolean dwarfless() {
            return text.startsWith("kprobe.");
        }
    }

    /** {@code kernel.trace("name")}: a static tracepoint; {@code event} declares its arguments. */
    record Tracepoint(String text, String name, java.lang.reflect.Method event) implements ResolvedPoint {}

    /** {@code process[.thread].begin/end}: a user process (or thread) is created or exits. */
    record Process(String text, boolean thread, boolean isEnd) implements ResolvedPoint {}

    /** {@code timer.profile}: every tick on every CPU. */
    record Profile(String text) implements ResolvedPoint {}

    /** {@code never}: elaborated and type-checked, never run. */
    record Never(String text) implements ResolvedPoint {}
}
