package org.jstap.sim.kernel.kprobes;

import org.jstap.sim.Kernel;

/**
 * What instrumented kernel methods call: one static entry for function entry and one for return,
 * indexed by kallsyms symbol. Only probed methods contain these calls; the others are unchanged.
 */
public final class KprobeHooks {
    /** Probes per symbol index, entry and return; replaced whole on every (un)registration. */
    static volatile Kprobe[][] entry = new Kprobe[0][];
    static volatile Kprobe[][] exit = new Kprobe[0][];

    private KprobeHooks() {}

    private static final Object[] NO_ARGS = new Object[0];

    /** Entry of a probed function whose probes do not read arguments: nothing is boxed. */
    public static void enter(int symbol) {
        fire(entry, symbol, NO_ARGS, null);
    }

    public static void leave(int symbol) {
        fire(exit, symbol, NO_ARGS, null);
    }

    public static void enter(int symbol, Object[] args) {
        fire(entry, symbol, args, null);
    }

    public static void leave(int symbol, Object[] args, Object returned) {
        fire(exit, symbol, args, returned);
    }

    private static void fire(Kprobe[][] table, int symbol, Object[] args, Object returned) {
        if (symbol >= table.length || table[symbol] == null) {
            return;
        }
        Kernel current = Kernel.current();
        for (Kprobe p : table[symbol]) {
            // a session's probes fire only in its own kernel
            if (p.kernel != current) {
                continue;
            }
            // a kernel function called from a probe handler does not fire probes: as kprobe_running()
            Kprobes kprobes = current.kprobes();
            if (kprobes.running) {
                p.nmissed++;
                continue;
            }
            kprobes.running = true;
            try {
                p.nhit++;
                p.handler.hit(args, returned);
            } finally {
                kprobes.running = false;
            }
        }
    }
}
