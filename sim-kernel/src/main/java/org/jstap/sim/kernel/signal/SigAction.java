package org.jstap.sim.kernel.signal;

/** struct k_sigaction: a handler address (or SIG_DFL/SIG_IGN), its flags, restorer and mask. */
public record SigAction(long handler, long flags, long restorer, long mask) {
    public static final SigAction DEFAULT = new SigAction(Signals.SIG_DFL, 0, 0, 0);
}
