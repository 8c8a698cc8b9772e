package org.jstap.sim.hw.riscv;

/**
 * The control and status registers user mode can reach (Zicsr): the floating-point ones (fflags,
 * frm, fcsr), which it may write, and the unprivileged counters (cycle, time, instret), which it
 * may only read. Any other number, or a write to a counter, is an illegal instruction.
 *
 * <pre>{@code
 * if (!csrs.accessible(Csrs.FCSR, true)) { ... illegal instruction ... }
 * long old = csrs.read(Csrs.FCSR, retiredSoFar);
 * csrs.write(Csrs.FCSR, old | SoftFloat.NX);
 * }</pre>
 */
public final class Csrs {
    public static final int FFLAGS = 0x001;
    public static final int FRM = 0x002;
    public static final int FCSR = 0x003;
    public static final int CYCLE = 0xc00;
    public static final int TIME = 0xc01;
    public static final int INSTRET = 0xc02;

    private final Hart hart;
    private final Fpu fpu;

    Csrs(Hart hart, Fpu fpu) {
        this.hart = hart;
        this.fpu = fpu;
    }

    /** Whether user mode may read (and, with {@code write}, write) {@code csr}. */
    public boolean accessible(int csr, boolean write) {
        return switch (csr) {
            case FFLAGS, FRM, FCSR -> true;
            case CYCLE, TIME, INSTRET -> !write;
            default -> false;
        };
    }

    /** The value of {@code csr}, {@code inflight} instructions into the hart's current run. */
    public long read(int csr, long inflight) {
        return switch (csr) {
            case FFLAGS -> fpu.sf.flags;
            case FRM -> fpu.frm;
            case FCSR -> fpu.fcsr();
            // one instruction per cycle
            case CYCLE, INSTRET -> hart.instret + inflight;
            case TIME -> hart.mtime(inflight);
            default -> throw new IllegalArgumentException("csr 0x" + Integer.toHexString(csr));
        };
    }

    public void write(int csr, long value) {
        switch (csr) {
            case FFLAGS -> fpu.sf.flags = (int) value & 31;
            case FRM -> fpu.frm = (int) value & 7;
            case FCSR -> fpu.set_fcsr(value & 0xff);
            default -> throw new IllegalArgumentException("csr 0x" + Integer.toHexString(csr));
        }
    }
}
