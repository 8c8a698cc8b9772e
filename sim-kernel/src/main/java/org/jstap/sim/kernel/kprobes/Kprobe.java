package org.jstap.sim.kernel.kprobes;

/**
 * struct kprobe: a handler run when a kernel function is entered, on the kernel the probe was
 * registered with.
 *
 * <pre>{@code
 * Kprobe p = new Kprobe("do_timer", false, (args, ret) -> hits++, false);
 * kernel.kprobes().register_kprobe(p);   // 0, or -errno
 * ...
 * kernel.kprobes().unregister_kprobe(p);
 * }</pre>
 *
 * <p>A probe made with {@code isReturn} is armed as a {@link Kretprobe} with the default
 * {@code maxactive} and no entry handler, for callers that only want the return value; use
 * {@link Kretprobe} directly for {@code maxactive}, entry data and its {@code nmissed}.
 */
public final class Kprobe {
    /** The probe handler; it sees the function's arguments (boxed) and, on return, its value. */
    @FunctionalInterface
    public interface Handler {
        void hit(Object[] args, Object returned);
    }

    final String symbol;
    final boolean isReturn;
    final Handler handler;
    /** Whether the handler reads the arguments or return value; if no probe on a function does, none are boxed. */
    final boolean needsArgs;
    /** The kprobes of the kernel this probe is armed on; null while unregistered. */
    Kprobes kprobes;
    int index = -1;
    /** For a return probe: the kretprobe that carries it. */
    Kretprobe kretprobe;
    /** Hits, and hits missed because another kprobe handler was running (kprobe_running()). */
    long nhit;
    long nmissed;

    public Kprobe(String symbol, boolean isReturn, Handler handler) {
        this(symbol, isReturn, handler, true);
    }

    public Kprobe(String symbol, boolean isReturn, Handler handler, boolean needsArgs) {
        this.symbol = symbol;
        this.isReturn = isReturn;
        this.handler = handler;
        this.needsArgs = needsArgs;
    }

    /**
     * One hit of {@code p}, armed on {@code k} with {@code handler}, called from the instrumented
     * method's call site. The site binds all three as constants (a field of this class would not
     * be one to the JIT), so the handler is inlined into the kernel function with no type check.
     * A hit while a handler of this kernel is running is a miss, as kprobe_running() makes it in
     * Linux.
     */
    static void fire(Kprobes k, Kprobe p, Handler handler, Object[] args) {
        if (k.running) {
            p.nmissed++;
            return;
        }
        k.running = true;
        p.nhit++;
        try {
            handler.hit(args, null);
        } finally {
            k.running = false;
        }
    }

    public String symbol() {
        return symbol;
    }

    public boolean isReturn() {
        return isReturn;
    }

    public long nhit() {
        return kretprobe != null ? kretprobe.nhit() : nhit;
    }

    /** Hits lost: to reentrancy, and for a return probe also to all its instances being busy. */
    public long nmissed() {
        return kretprobe != null ? kretprobe.nmissed() + kretprobe.kp_nmissed() : nmissed;
    }
}
