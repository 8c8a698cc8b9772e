package org.jstap.sim.kernel.kprobes;

/**
 * struct kretprobe: a handler run when a kernel function returns, with an optional entry handler
 * whose per-call data the return handler sees ({@code ri->data}), which is how stap's
 * {@code @entry(...)} keeps one value per call even when calls nest or many tasks are inside.
 *
 * <pre>{@code
 * Kretprobe rp = new Kretprobe("vfs_read",
 *         (ri, args) -> { ri.data[0] = clock.ktime_get_ns(); return 0; },
 *         (ri, args, ret) -> latency.add(clock.ktime_get_ns() - ri.data[0]),
 *         false, 1);
 * rp.maxactive = 20;                     // before registering; 0 means the default
 * kernel.kprobes().register_kretprobe(rp);
 * ... rp.nmissed()                       // returns lost because all 20 instances were in flight
 * }</pre>
 *
 * <p>As in Linux, {@code maxactive} instances are preallocated at registration: a call that finds
 * none free (deep recursion, many tasks blocked inside the function) is not traced to its return
 * and counts in {@link #nmissed()}. The instrumented method keeps the instance it took in a local
 * variable until it returns, which is the JVM's counterpart of the hijacked return address.
 */
public final class Kretprobe {
    /** kretprobe->entry_handler: runs at function entry; a non-zero result skips this call's return. */
    @FunctionalInterface
    public interface EntryHandler {
        int entry(Instance ri, Object[] args);
    }

    /** kretprobe->handler: runs when the function returns, with the instance its entry filled. */
    @FunctionalInterface
    public interface Handler {
        void ret(Instance ri, Object[] args, Object returned);
    }

    /** struct kretprobe_instance: one call in flight, from entry to return. */
    public static final class Instance {
        /** The kretprobe this instance belongs to (ri->rph->rp). */
        final Kretprobe rp;
        /** ri->data: what the entry handler saves for the return handler; {@code data_size} long slots. */
        public final long[] data;
        /** Saved references (strings), {@code data_size} slots, for the same purpose. */
        public final Object[] refs;
        /** The arming this instance was made for; one from an earlier arming is not reused. */
        final int generation;
        /** Taken by a call and not yet released: guards against releasing twice. */
        boolean inFlight;
        /** Next free instance, or, while in flight, the next instance taken at the same call. */
        Instance next;

        Instance(Kretprobe rp, int dataSize, int generation) {
            this.rp = rp;
            this.generation = generation;
            this.data = new long[dataSize];
            this.refs = new Object[dataSize];
        }
    }

    final String symbol;
    final EntryHandler entryHandler;
    final Handler handler;
    /** Whether a handler reads the arguments or return value; if no probe on a function does, none are boxed. */
    final boolean needsArgs;
    final int dataSize;
    /** How many calls may be in flight at once; 0 or less: max(10, 2 * NR_CPUS), as in Linux. */
    public int maxactive;

    /** The kprobes of the kernel this kretprobe is armed on; null while unregistered. */
    Kprobes kprobes;
    int index = -1;
    /** The free instances (rp->freelist); guarded by the running kernel's one running thread. */
    private Instance free;
    private int generation;
    /** Returns traced, returns lost to a busy pool (rp->nmissed), hits lost to reentrancy (rp->kp.nmissed). */
    long nhit;
    long nmissed;
    long kpNmissed;

    public Kretprobe(String symbol, EntryHandler entryHandler, Handler handler, boolean needsArgs, int dataSize) {
        this.symbol = symbol;
        this.entryHandler = entryHandler;
        this.handler = handler;
        this.needsArgs = needsArgs;
        this.dataSize = dataSize;
    }

    /** Arms the pool for {@code kprobes}'s kernel with {@code instances} free instances. */
    void arm(Kprobes kprobes, int instances) {
        generation++;
        Instance list = null;
        for (int i = 0; i < instances; i++) {
            Instance ri = new Instance(this, dataSize, generation);
            ri.next = list;
            list = ri;
        }
        free = list;
        this.kprobes = kprobes;
    }

    /**
     * Function entry (pre_handler_kretprobe): takes a free instance and runs the entry handler;
     * returns the chain of instances taken at this call, {@code token} with this one in front.
     * Bound to this kretprobe at the method's call site.
     */
    Object enter(Object token, Object[] args) {
        Kprobes k = kprobes;
        if (k == null) {
            return token;
        }
        if (k.running) {
            kpNmissed++;
            return token;
        }
        Instance ri = free;
        if (ri == null) {
            nmissed++;
            return token;
        }
        free = ri.next;
        ri.inFlight = true;
        if (entryHandler != null) {
            k.running = true;
            boolean keep = false;
            try {
                keep = entryHandler.entry(ri, args) == 0;
            } finally {
                k.running = false;
                if (!keep) {
                    release(ri);
                }
            }
            if (!keep) {
                return token;
            }
        }
        ri.next = (Instance) token;
        return ri;
    }

    /** Function return (the trampoline handler): runs the handler, then frees the instance. */
    void leave(Instance ri, Object[] args, Object returned) {
        Kprobes k = kprobes;
        try {
            // unregistered while this call was in flight: the instance just goes (Linux drops it too)
            if (k == null) {
                return;
            }
            if (k.running) {
                kpNmissed++;
                return;
            }
            k.running = true;
            nhit++;
            try {
                handler.ret(ri, args, returned);
            } finally {
                k.running = false;
            }
        } finally {
            release(ri);
        }
    }

    /** Puts {@code ri} back on the free list (also when its call ended by an exception). */
    void release(Instance ri) {
        if (!ri.inFlight) {
            return;
        }
        ri.inFlight = false;
        if (kprobes == null || ri.generation != generation) {
            return;
        }
        ri.next = free;
        free = ri;
    }

    /** Disarms: calls still in flight return without running the handler. */
    void disarm() {
        kprobes = null;
        free = null;
    }

    public String symbol() {
        return symbol;
    }

    /** Returns traced (handler runs). */
    public long nhit() {
        return nhit;
    }

    /** rp->nmissed: calls whose return was not traced because all maxactive instances were in flight. */
    public long nmissed() {
        return nmissed;
    }

    /** rp->kp.nmissed: entries and returns skipped because another kprobe handler was running. */
    public long kp_nmissed() {
        return kpNmissed;
    }
}
