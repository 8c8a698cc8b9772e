package org.jstap.runtime;

/**
 * How a compiled script attaches its probes. {@code sequence} orders probes of one kind
 * (stap's {@code begin(N)} priority, then script order); {@code point} is the probe point as
 * {@code pp()} returns it.
 */
public interface ProbeRegistry {
    void begin(long sequence, String point, ProbeHandler handler);

    void end(long sequence, String point, ProbeHandler handler);

    void error(long sequence, String point, ProbeHandler handler);

    /**
     * {@code timer.ms(N)} and friends: every {@code intervalNs} of virtual time, plus or minus a
     * random {@code randomizeNs} when {@code .randomize(M)} is given.
     */
    void timer(long intervalNs, long randomizeNs, String point, ProbeHandler handler);

    /**
     * {@code kernel.function("symbol")[.return]}: a kprobe (or kretprobe) on a kernel function;
     * {@code readsArgs} when the handler reads $args/$return, so the hook must pass them;
     * {@code maxActive} a return probe's {@code .maxactive(N)}, 0 for the default.
     */
    void kprobe(String symbol, boolean isReturn, boolean readsArgs, int maxActive, String point, ProbeHandler handler);

    /**
     * {@code kernel.function("symbol").return} reading {@code @entry(...)}: a kretprobe whose entry
     * handler ({@code entry}, the synthesised probe that saves the {@code entryValues} values)
     * and return handler see the same per-call instance, so each return reads its own call's values.
     */
    void kretprobe(String symbol, boolean readsArgs, int maxActive, int entryValues, boolean entryReadsArgs,
                   ProbeHandler entry, String point, ProbeHandler handler);

    /** {@code kernel.trace("name")}: a probe on a static tracepoint. */
    void tracepoint(String name, String point, ProbeHandler handler);

    /**
     * {@code process.begin}/{@code .end} ({@code thread}: {@code process.thread.begin/.end}): a user
     * process or thread is created (at fork) or exits; the handler runs as that task.
     */
    void process(boolean thread, boolean isEnd, String point, ProbeHandler handler);

    /** {@code timer.profile}: every tick on every CPU. */
    void profile(String point, ProbeHandler handler);

    /** MAXMAPENTRIES: the size of arrays declared without one. */
    int maxMapEntries();

    /**
     * The entry probe point of a return probe point, as pp() names it in the entry half:
     * {@code kernel.function("f").return.maxactive(4)} becomes {@code kernel.function("f")}.
     */
    static String entryPointOf(String returnPoint) {
        return returnPoint.replaceFirst("\\.return(\\.maxactive\\(\\d+\\))?$", "");
    }
}
