package org.jstap.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jstap.sim.kernel.kprobes.Kretprobe;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.relay.RelayChannel;

/**
 * One script attached to one kernel: its probes, its output channel, its error counts and
 * whether it has been asked to exit. Generated code reaches it through {@link Context}.
 */
public final class Session implements ProbeRegistry {
    private static final Comparator<RegisteredProbe> ORDER = Comparator.comparingLong(RegisteredProbe::sequence);

    private final Kernel kernel;
    private final String moduleName;
    private final SessionOptions options;
    private final Context context;
    private final List<RegisteredProbe> beginProbes = new ArrayList<>();
    private final List<RegisteredProbe> endProbes = new ArrayList<>();
    private final List<RegisteredProbe> errorProbes = new ArrayList<>();
    private RelayChannel channel;
    /** The -c command's pid (target()), 0 without one. */
    private int target;
    /** Set by exit(), SIGINT (another thread) or the end of the workload; read by the run loop. */
    private volatile boolean exitRequested;
    private long errors;
    /** Set when errors exceeded MAXERRORS: end probes are skipped, error probes run. */
    private boolean failed;
    /** Set by abort(): no more probes of any kind. */
    private boolean aborted;
    private java.util.random.RandomGenerator random;

    /** A begin/end/error probe; {@code timing} is its -t entry, null without -t. */
    private record RegisteredProbe(long sequence, String point, ProbeHandler handler, ProbeTiming.Entry timing) {}

    /** {@code -t}: each probe's hits and costs, in registration order; null without -t. */
    private final ProbeTiming timing;

    /** A timer probe and the kernel hrtimer that fires it. */
    private record TimerProbe(long intervalNs, long randomizeNs, String point, ProbeHandler handler,
                              org.jstap.sim.kernel.time.Hrtimer hrtimer) {}

    private final List<TimerProbe> timerProbes = new ArrayList<>();
    private final List<org.jstap.sim.kernel.kprobes.Kprobe> kprobes = new ArrayList<>();
    /** Each kprobe's point as pp() names it, for the missed-probe warnings of -t. */
    private final java.util.Map<org.jstap.sim.kernel.kprobes.Kprobe, String> kprobePoints =
            new java.util.IdentityHashMap<>();
    private final java.util.Map<Kretprobe, String> kretprobePoints = new java.util.IdentityHashMap<>();

    public Session(Kernel kernel, String moduleName, SessionOptions options) {
        this.kernel = kernel;
        this.moduleName = moduleName;
        this.options = options;
        this.context = new Context(this, options.limits());
        this.timing = options.timing() ? new ProbeTiming() : null;
    }

    /** The -t entry of the probe being registered, null without -t. */
    private ProbeTiming.Entry timed(String point) {
        return timing == null ? null : timing.register(point);
    }

    /** The module's table of probe locations and derivations, for -t's report. */
    void describeProbes(String[] sites) {
        if (timing != null) {
            timing.describe(sites);
        }
    }

    public SessionOptions options() {
        return options;
    }

    public int target() {
        return target;
    }

    public void setTarget(int pid) {
        this.target = pid;
    }

    public Kernel kernel() {
        return kernel;
    }

    public String moduleName() {
        return moduleName;
    }

    // ---------------------------------------------------------------- ProbeRegistry

    @Override
    public void begin(long sequence, String point, ProbeHandler handler) {
        beginProbes.add(new RegisteredProbe(sequence, point, handler, timed(point)));
    }

    @Override
    public void end(long sequence, String point, ProbeHandler handler) {
        endProbes.add(new RegisteredProbe(sequence, point, handler, timed(point)));
    }

    @Override
    public void error(long sequence, String point, ProbeHandler handler) {
        errorProbes.add(new RegisteredProbe(sequence, point, handler, timed(point)));
    }

    @Override
    public void kprobe(String symbol, boolean isReturn, boolean readsArgs, int maxActive, String point,
                       ProbeHandler handler) {
        String[] names = parameterNames(org.jstap.sim.kernel.Kallsyms.symbols().stream()
                .filter(s -> s.name().equals(symbol)).map(org.jstap.sim.kernel.Kallsyms.Symbol::method).findFirst()
                .orElse(null));
        ProbeTiming.Entry t = timed(point);
        if (isReturn) {
            Kretprobe.Handler h = readsArgs
                    ? (ri, args, returned) -> {
                        context.setTarget(args, returned, names);
                        hit(point, handler, t);
                    }
                    : (ri, args, returned) -> hit(point, handler, t);
            Kretprobe rp = new Kretprobe(symbol, null, h, readsArgs, 0);
            rp.maxactive = maxActive;
            kretprobes.add(rp);
            kretprobePoints.put(rp, point);
            return;
        }
        // a handler that reads no $vars gets no arguments: the hit then sets nothing up for them
        org.jstap.sim.kernel.kprobes.Kprobe.Handler h = readsArgs
                ? (args, returned) -> {
                    context.setTarget(args, returned, names);
                    hit(point, handler, t);
                }
                : (args, returned) -> hit(point, handler, t);
        var kp = new org.jstap.sim.kernel.kprobes.Kprobe(symbol, false, h, readsArgs);
        kprobes.add(kp);
        kprobePoints.put(kp, point);
    }

    @Override
    public void kretprobe(String symbol, boolean readsArgs, int maxActive, int entryValues, boolean entryReadsArgs,
                          ProbeHandler entry, String point, ProbeHandler handler) {
        String[] names = parameterNames(org.jstap.sim.kernel.Kallsyms.symbols().stream()
                .filter(s -> s.name().equals(symbol)).map(org.jstap.sim.kernel.Kallsyms.Symbol::method).findFirst()
                .orElse(null));
        String entryPoint = ProbeRegistry.entryPointOf(point);
        ProbeTiming.Entry t = timed(point);
        Kretprobe rp = new Kretprobe(symbol, (ri, args) -> {
            // the entry handler fills this call's instance; the return handler reads it back
            context.setTarget(args, null, names);
            context.setEntryInstance(ri, true);
            try {
                hit(entryPoint, entry);
            } finally {
                context.setEntryInstance(null, true);
            }
            return 0;
        }, (ri, args, returned) -> {
            context.setTarget(args, returned, names);
            context.setEntryInstance(ri, false);
            try {
                hit(point, handler, t);
            } finally {
                context.setEntryInstance(null, false);
            }
        }, readsArgs || entryReadsArgs, entryValues);
        rp.maxactive = maxActive;
        kretprobes.add(rp);
        kretprobePoints.put(rp, point);
    }

    /** The session's return probes, armed at module init; their nmissed is what -t and the summary report. */
    private final List<Kretprobe> kretprobes = new ArrayList<>();

    /**
     * Return probes lost because all of a kretprobe's instances were in flight (the sum of their
     * rp->nmissed), and hits lost because another probe handler was running in the kernel (the
     * kprobes' and kretprobes' kp.nmissed).
     */
    public long kretprobeMissed() {
        return kretprobes.stream().mapToLong(Kretprobe::nmissed).sum();
    }

    /** Kernel-side misses (kprobe_running()) of this session's kprobes and kretprobes. */
    public long kprobeMissed() {
        return kprobes.stream().mapToLong(org.jstap.sim.kernel.kprobes.Kprobe::nmissed).sum()
                + kretprobes.stream().mapToLong(Kretprobe::kp_nmissed).sum();
    }

    /** The armed kernel probes of this session, for per-probe reports (-t): symbol, hits, missed. */
    public List<org.jstap.sim.kernel.kprobes.Kprobe> kprobeList() {
        return java.util.Collections.unmodifiableList(kprobes);
    }

    public List<Kretprobe> kretprobeList() {
        return java.util.Collections.unmodifiableList(kretprobes);
    }

    /** Tracepoint probes: id and the kernel-side probe, registered at module init. */
    private record TraceProbe(int id, org.jstap.sim.kernel.trace.Tracepoints.Probe probe) {}

    private final List<TraceProbe> traceProbes = new ArrayList<>();

    private final List<org.jstap.sim.kernel.Profile.Hook> profileHooks = new ArrayList<>();

    @Override
    public void profile(String point, ProbeHandler handler) {
        ProbeTiming.Entry t = timed(point);
        profileHooks.add(cpu -> hit(point, handler, t));
    }

    @Override
    public void tracepoint(String name, String point, ProbeHandler handler) {
        int id = org.jstap.sim.kernel.trace.Tracepoints.id(name);
        String[] names = parameterNames(org.jstap.sim.kernel.trace.Tracepoints.events().get(id));
        ProbeTiming.Entry t = timed(point);
        traceProbes.add(new TraceProbe(id, args -> {
            context.setTarget(args, null, names);
            hit(point, handler, t);
        }));
    }

    /**
     * Process probes ride on the sched_process_fork/exit tracepoints: a fork made a new user
     * process (a thread-group leader) or thread, or one is exiting; kernel threads are not
     * processes. The handler runs as that task, as stap's task-finder callbacks do.
     */
    @Override
    public void process(boolean thread, boolean isEnd, String point, ProbeHandler handler) {
        String event = isEnd ? "sched_process_exit" : "sched_process_fork";
        ProbeTiming.Entry timing = timed(point);
        traceProbes.add(new TraceProbe(org.jstap.sim.kernel.trace.Tracepoints.id(event), args -> {
            var t = (org.jstap.sim.kernel.sched.TaskStruct) args[isEnd ? 0 : 1];
            if (t.is_kthread() || (!isEnd && t.mm == null) || t.thread_group_leader() == thread) {
                return;
            }
            if (!isEnd) {
                begun.put(t, Boolean.TRUE);
            }
            process_hit(t, point, handler, timing);
        }));
        if (!isEnd && !thread) {
            // a process that starts as a kernel-made task (the -c command, from call_usermodehelper)
            // becomes one at its first exec: it begins then, once
            traceProbes.add(new TraceProbe(org.jstap.sim.kernel.trace.Tracepoints.id("sched_process_exec"), args -> {
                var t = (org.jstap.sim.kernel.sched.TaskStruct) args[0];
                if (t.is_kthread() || !t.thread_group_leader() || begun.putIfAbsent(t, Boolean.TRUE) != null) {
                    return;
                }
                process_hit(t, point, handler, timing);
            }));
        }
    }

    /** Tasks whose process.begin has fired (weak: the table lets go of reaped tasks). */
    private final java.util.Map<org.jstap.sim.kernel.sched.TaskStruct, Boolean> begun = new java.util.WeakHashMap<>();

    /** A process probe's handler, run as the task it is about. */
    private void process_hit(org.jstap.sim.kernel.sched.TaskStruct t, String point, ProbeHandler handler,
                             ProbeTiming.Entry timing) {
        context.task = t;
        try {
            hit(point, handler, timing);
        } finally {
            context.task = null;
        }
    }

    private static String[] parameterNames(java.lang.reflect.Method m) {
        if (m == null) {
            return new String[0];
        }
        return java.util.Arrays.stream(m.getParameters()).map(java.lang.reflect.Parameter::getName)
                .toArray(String[]::new);
    }

    @Override
    public void timer(long intervalNs, long randomizeNs, String point, ProbeHandler handler) {
        TimerProbe[] self = new TimerProbe[1];
        ProbeTiming.Entry timing = timed(point);
        org.jstap.sim.kernel.time.Hrtimer hrtimer = new org.jstap.sim.kernel.time.Hrtimer(t -> {
            hit(point, handler, timing);
            if (exitRequested()) {
                return false;
            }
            t.forward(nextInterval(self[0]));
            return true;
        });
        self[0] = new TimerProbe(intervalNs, randomizeNs, point, handler, hrtimer);
        timerProbes.add(self[0]);
    }

    private long nextInterval(TimerProbe p) {
        if (p.randomizeNs() == 0) {
            return p.intervalNs();
        }
        // stap adds a random value in [-M, M] to each period
        return Math.max(1, p.intervalNs() + random().nextLong(-p.randomizeNs(), p.randomizeNs() + 1));
    }

    /** Starts the timer probes, on CPU 0, after the begin probes ran. */
    void startTimers() {
        long now = kernel.timekeeping().ktime_get_ns();
        for (TimerProbe p : timerProbes) {
            kernel.hrtimers().hrtimer_start(p.hrtimer(), now + nextInterval(p), 0);
        }
    }

    @Override
    public int maxMapEntries() {
        return options.limits().maxMapEntries();
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * Module init: opens the output channel and arms the kprobes; 0, or the errno of a probe that
     * could not be armed. Public for harnesses that drive a session by hand.
     */
    public int open() {
        int[] status = {0};
        // one batch: each probed class is rewritten once for all of the script's probes on it
        int rewrite = org.jstap.sim.kernel.kprobes.Kprobes.batch(() -> status[0] = registerKprobes());
        if (status[0] != 0) {
            return status[0];
        }
        if (rewrite != 0) {
            for (var p : kprobes) {
                if (!org.jstap.sim.kernel.kprobes.Kprobes.armed(p)) {
                    couldNotRegister(p.isReturn() ? "kretprobe" : "kprobe", p.symbol(), rewrite);
                }
            }
            for (Kretprobe rp : kretprobes) {
                if (!org.jstap.sim.kernel.kprobes.Kprobes.armed(rp)) {
                    couldNotRegister("kretprobe", rp.symbol(), rewrite);
                }
            }
            unregisterKprobes();
            return rewrite;
        }
        channel = kernel.relay().relay_open(moduleName, (data, offset, length) -> {
            try {
                options.out().write(data, offset, length);
                options.out().flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (TraceProbe t : traceProbes) {
            kernel.tracepoints().tracepoint_probe_register(t.id(), t.probe());
        }
        profileHooks.forEach(kernel.profile()::register_timer_hook);
        beginProbes.sort(ORDER);
        endProbes.sort(ORDER);
        errorProbes.sort(ORDER);
        return 0;
    }

    /** Registers the script's kprobes and kretprobes: 0, or the first error (all unregistered again). */
    private int registerKprobes() {
        for (org.jstap.sim.kernel.kprobes.Kprobe p : kprobes) {
            int ret = kernel.kprobes().register_kprobe(p);
            if (ret != 0) {
                couldNotRegister(p.isReturn() ? "kretprobe" : "kprobe", p.symbol(), ret);
                unregisterKprobes();
                return ret;
            }
        }
        for (Kretprobe rp : kretprobes) {
            int ret = kernel.kprobes().register_kretprobe(rp);
            if (ret != 0) {
                couldNotRegister("kretprobe", rp.symbol(), ret);
                unregisterKprobes();
                return ret;
            }
        }
        return 0;
    }

    /** stap's message for a probe point the kernel refused, with the errno (negative) it gave. */
    private void couldNotRegister(String kind, String symbol, int err) {
        options.err().println("ERROR: couldn't register " + kind + " for " + symbol + " (" + -err + ")"
                + (err == -org.jstap.sim.kernel.Errno.ENOSYS
                ? ": kprobes need the jstap agent (-javaagent:sim-kernel.jar)" : ""));
    }

    /** Disarms every kprobe and kretprobe of the script (those never registered are ignored). */
    private void unregisterKprobes() {
        kprobes.forEach(kernel.kprobes()::unregister_kprobe);
        kretprobes.forEach(kernel.kprobes()::unregister_kretprobe);
    }

    /** Module exit: disarms kprobes and timers, flushes and closes the channel. */
    void close() {
        unregisterKprobes();
        for (TraceProbe t : traceProbes) {
            kernel.tracepoints().tracepoint_probe_unregister(t.id(), t.probe());
        }
        profileHooks.forEach(kernel.profile()::unregister_timer_hook);
        for (TimerProbe p : timerProbes) {
            kernel.hrtimers().hrtimer_cancel(p.hrtimer());
        }
        if (channel != null) {
            channel.relay_close();
            channel = null;
        }
    }

    void runBegin() {
        for (RegisteredProbe p : beginProbes) {
            // exit() ends the starting phase: later begin probes do not run, as in stap
            if (failed || aborted || exitRequested()) {
                break;
            }
            fire(p.point(), p.handler(), p.timing(), 10 * options.limits().maxAction());
        }
    }

    void runEnd() {
        if (aborted) {
            return;
        }
        for (RegisteredProbe p : (failed ? errorProbes : endProbes)) {
            fire(p.point(), p.handler(), p.timing(), 10 * options.limits().maxAction());
        }
    }

    /** Probe hits skipped because the context was busy with another probe (stap's skipped probes). */
    private long skipped;
    private boolean inProbe;

    /** A probe hit from the kernel side (timers, kprobes, tracepoints): MAXACTION statements at most. */
    public void hit(String point, ProbeHandler handler) {
        hit(point, handler, null);
    }

    private void hit(String point, ProbeHandler handler, ProbeTiming.Entry timing) {
        if (exitRequested()) {
            return;
        }
        if (inProbe) {
            // a probe fired while another's handler runs (through a kernel function it called): skip it
            skipped++;
            return;
        }
        inProbe = true;
        try {
            fire(point, handler, timing, options.limits().maxAction());
        } finally {
            inProbe = false;
        }
    }

    private void fire(String point, ProbeHandler handler, ProbeTiming.Entry timing, long maxAction) {
        context.probePoint = point;
        context.actionsLeft = maxAction;
        context.nesting = 0;
        try {
            handler.handle(context);
        } catch (NextProbe | NextProbe.Abort e) {
            // next inside a function, or abort(): the probe ends here
        } catch (StapError e) {
            errors++;
            flush();
            options.err().println("ERROR: " + e.getMessage());
            if (errors > options.limits().maxErrors()) {
                failed = true;
                requestExit();
            }
        } finally {
            flush();
            if (timing != null) {
                timing.cost.add(maxAction - Math.max(context.actionsLeft, 0));
            }
        }
    }

    private void flush() {
        StringBuilder out = context.out;
        if (out.length() > 0 && channel != null) {
            byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
            out.setLength(0);
            channel.relay_write(bytes, 0, bytes.length);
            channel.relay_flush();
        }
    }

    // ---------------------------------------------------------------- exit

    /** The script's exit(): no new probes start after the current one; end probes then run. */
    public void requestExit() {
        exitRequested = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    /** warn(): a WARNING line on the error stream, in order with the output. */
    public void warn(String msg) {
        flush();
        options.err().println("WARNING: " + msg);
    }

    /** thread_indent's state per thread: {first timestamp (us), depth}. */
    private final java.util.Map<Integer, long[]> indents = new java.util.HashMap<>();

    /** The indentation state of thread {@code tid}, started at {@code nowUs} on first use. */
    public long[] indent(int tid, long nowUs) {
        long[] state = indents.computeIfAbsent(tid, k -> new long[] {nowUs, 0});
        if (state[1] <= 0 && state[0] == 0) {
            state[0] = nowUs;
        }
        return state;
    }

    /** abort(): stop now, skipping end probes. */
    public void abort() {
        aborted = true;
        requestExit();
    }

    /** The session's random numbers, seeded from the machine's seed. */
    public java.util.random.RandomGenerator random() {
        if (random == null) {
            random = new java.util.SplittableRandom(kernel.config().seed() ^ 0x5DEECE66DL);
        }
        return random;
    }

    /** stap's closing line when anything went wrong. */
    void summary() {
        if (timing != null) {
            byte[] report = timing.report().getBytes(StandardCharsets.ISO_8859_1);
            try {
                options.out().write(report);
                options.out().flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // a return lost to a full kretprobe pool is a skipped probe, as stap adds krp.nmissed to
        // skipped_count; hits missed to reentrancy are already this runtime's skipped hits or,
        // kernel-side, in kprobeMissed() for -t's report
        long skippedAll = skipped + kretprobeMissed();
        if (errors > 0 || skippedAll > 0) {
            flush();
            options.err().println("WARNING: Number of errors: " + errors + ", skipped probes: " + skippedAll);
        }
        if (timing != null) {
            // stap -t names the hits each kprobe missed. They are not counted as skipped probes
            // here, unlike stap: on this machine they are kernel functions that the Java tapset
            // functions call from a handler, where stap's runtime would not enter probed code.
            for (var kp : kprobes) {
                if (kp.nmissed() > 0) {
                    // a missed entry of a kretprobe is stap's kretprobe/2 (krp->kp.nmissed)
                    options.err().println("WARNING: Skipped due to missed " + (kp.isReturn() ? "kretprobe/2" : "kprobe")
                            + " on '" + kprobePoints.get(kp) + "': " + kp.nmissed());
                }
            }
            for (var rp : kretprobes) {
                // stap's kretprobe/1: returns lost to a full instance pool; kretprobe/2: missed entries
                if (rp.nmissed() > 0) {
                    options.err().println("WARNING: Skipped due to missed kretprobe/1 on '" + kretprobePoints.get(rp)
                            + "': " + rp.nmissed());
                }
                if (rp.kp_nmissed() > 0) {
                    options.err().println("WARNING: Skipped due to missed kretprobe/2 on '" + kretprobePoints.get(rp)
                            + "': " + rp.kp_nmissed());
                }
            }
            if (skipped > 0) {
                options.err().println("WARNING: Skipped due to reentrancy: " + skipped);
            }
        }
    }

    public long errors() {
        return errors;
    }
}
