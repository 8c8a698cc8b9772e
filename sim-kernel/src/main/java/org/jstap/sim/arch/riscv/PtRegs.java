package org.jstap.sim.arch.riscv;

/**
 * struct pt_regs (arch/riscv/include/asm/ptrace.h): the user registers saved on kernel entry.
 * {@code x[0]} stays zero; a0..a7 are x10..x17; {@code epc} is where user mode resumes.
 */
public final class PtRegs {
    public static final int RA = 1;
    public static final int SP = 2;
    public static final int TP = 4;
    public static final int T0 = 5;
    public static final int A0 = 10;
    public static final int A7 = 17;

    public final long[] x = new long[32];
    /**
     * The f registers and fcsr (struct __riscv_d_ext_state). Linux keeps them in thread_struct and
     * saves them lazily; here they travel with the saved integer registers, so fork copies them and
     * exec clears them with the rest.
     */
    public final long[] f = new long[32];
    public long fcsr;
    public long epc;
    /** a0 at syscall entry, for restarting the call. */
    public long orig_a0;

    public long a(int i) {
        return x[A0 + i];
    }

    public void set_a(int i, long value) {
        x[A0 + i] = value;
    }

    public PtRegs copy() {
        PtRegs r = new PtRegs();
        System.arraycopy(x, 0, r.x, 0, x.length);
        System.arraycopy(f, 0, r.f, 0, f.length);
        r.fcsr = fcsr;
        r.epc = epc;
        r.orig_a0 = orig_a0;
        return r;
    }
}
