package org.jstap.sim.kernel.kprobes;

/**
 * struct kprobe / struct kretprobe: a handler run when a kernel function is entered (or returns,
 * for a return probe), on the kernel the probe was registered with.
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
    Object kernel;
    int index = -1;
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

    public String symbol() {
        return symbol;
    }

    public boolean isReturn() {
        return isReturn;
    }

    public long nhit() {
        return nhit;
    }

    public long nmissed() {
        return nmissed;
    }
}
