package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.SoftFloat.D;
import static org.jstap.sim.hw.riscv.SoftFloat.NX;
import static org.jstap.sim.hw.riscv.SoftFloat.RDN;
import static org.jstap.sim.hw.riscv.SoftFloat.RMM;
import static org.jstap.sim.hw.riscv.SoftFloat.RTZ;
import static org.jstap.sim.hw.riscv.SoftFloat.RUP;
import static org.jstap.sim.hw.riscv.SoftFloat.S;

/**
 * A hart's F and D unit: the floating-point operations on 64-bit f registers, with NaN boxing of
 * singles (a single is valid only with the upper 32 bits all ones; anything else reads as the
 * canonical NaN), the dynamic rounding mode in {@link #frm} and the accrued flags in
 * {@link SoftFloat#flags}. Double addition, multiplication, division and square root take the
 * host's IEEE arithmetic when an error-free transformation (TwoSum, or the exact remainder an fma
 * gives) proves the result and its inexact flag, and then step to the neighbouring double for
 * the directed modes; everything else, and every case near overflow or underflow, is
 * {@link SoftFloat}'s exact rounding.
 *
 * <pre>{@code
 * Fpu fpu = new Fpu();
 * long r = fpu.add(SoftFloat.D, f[1], f[2], fpu.rounding(Insn.RM_DYN));
 * }</pre>
 */
public final class Fpu {
    private static final long BOX = 0xffff_ffff_0000_0000L;
    private static final double SMALL = 0x1p-960;
    private static final double LARGE = 0x1p1020;

    public final SoftFloat sf = new SoftFloat();
    /** The dynamic rounding mode (the frm CSR). */
    public int frm;

    /** A single read from an f register: its low half if properly boxed, else the canonical NaN. */
    public static long unbox(long reg) {
        return (reg & BOX) == BOX ? reg & 0xffff_ffffL : SoftFloat.CANONICAL_NAN_S;
    }

    /** A single written to an f register. */
    public static long box(long single) {
        return BOX | (single & 0xffff_ffffL);
    }

    private static long in(int fmt, long reg) {
        return fmt == S ? unbox(reg) : reg;
    }

    private static long out(int fmt, long bits) {
        return fmt == S ? box(bits) : bits;
    }

    /** The rounding mode an instruction's rm field means: 0-4, or -1 (illegal) for dyn with a bad frm. */
    public int rounding(int rmField) {
        int r = rmField == Insn.RM_DYN ? frm : rmField;
        return r > RMM ? -1 : r;
    }

    /** fcsr: frm in bits 7-5, fflags in 4-0. */
    public long fcsr() {
        return (long) frm << 5 | sf.flags;
    }

    public void set_fcsr(long v) {
        frm = (int) (v >>> 5) & 7;
        sf.flags = (int) v & 31;
    }

    /** The result {@code r} (the host's round-to-nearest) moved for mode rm, given the sign of exact - r. */
    private double directed(double r, double errSign, int rm) {
        if (errSign == 0) {
            return r;
        }
        sf.flags |= NX;
        return switch (rm) {
            case RUP -> errSign > 0 ? Math.nextUp(r) : r;
            case RDN -> errSign < 0 ? Math.nextDown(r) : r;
            case RTZ -> r > 0 && errSign < 0 ? Math.nextDown(r) : r < 0 && errSign > 0 ? Math.nextUp(r) : r;
            default -> r;
        };
    }

    private static boolean moderate(double v) {
        double m = Math.abs(v);
        return m >= SMALL && m <= LARGE;
    }

    public long add(int fmt, long a, long b, int rm) {
        if (fmt == D && rm != RMM) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double s = x + y;
            if (s != 0 && Math.abs(x) <= LARGE && Math.abs(y) <= LARGE) {
                double bb = s - x;
                double err = (x - (s - bb)) + (y - bb);
                return Double.doubleToRawLongBits(directed(s, err, rm));
            }
        }
        return out(fmt, sf.add(fmt, in(fmt, a), in(fmt, b), rm));
    }

    public long sub(int fmt, long a, long b, int rm) {
        if (fmt == D && rm != RMM && !SoftFloat.is_nan(D, b)) {
            return add(D, a, b ^ Long.MIN_VALUE, rm);
        }
        return out(fmt, sf.sub(fmt, in(fmt, a), in(fmt, b), rm));
    }

    public long mul(int fmt, long a, long b, int rm) {
        if (fmt == D && rm != RMM) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double p = x * y;
            if (moderate(p)) {
                return Double.doubleToRawLongBits(directed(p, Math.fma(x, y, -p), rm));
            }
        }
        return out(fmt, sf.mul(fmt, in(fmt, a), in(fmt, b), rm));
    }

    public long div(int fmt, long a, long b, int rm) {
        if (fmt == D && rm != RMM) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double q = x / y;
            if (moderate(q) && moderate(x)) {
                double rem = Math.fma(-q, y, x);
                return Double.doubleToRawLongBits(directed(q, Math.signum(rem) * Math.signum(y), rm));
            }
        }
        return out(fmt, sf.div(fmt, in(fmt, a), in(fmt, b), rm));
    }

    public long sqrt(int fmt, long a, int rm) {
        if (fmt == D && rm != RMM) {
            double x = Double.longBitsToDouble(a);
            if (x >= SMALL && x <= Double.MAX_VALUE) {
                double r = Math.sqrt(x);
                return Double.doubleToRawLongBits(directed(r, Math.fma(-r, r, x), rm));
            }
        }
        return out(fmt, sf.sqrt(fmt, in(fmt, a), rm));
    }

    /** fmadd/fmsub/fnmsub/fnmadd ({@code which} 0-3): (±a*b) ± c rounded once. */
    public long fma(int fmt, int which, long a, long b, long c, int rm) {
        long x = in(fmt, a);
        long z = in(fmt, c);
        long sign = SoftFloat.sign_bit(fmt);
        // negating a NaN operand changes nothing: NaN results are canonical
        if (which == 1 || which == 3) {
            z ^= sign;
        }
        if (which == 2 || which == 3) {
            x ^= sign;
        }
        return out(fmt, sf.fma(fmt, x, in(fmt, b), z, rm));
    }

    /** fsgnj, fsgnjn, fsgnjx ({@code which} 0-2): the magnitude of a with a sign from b. */
    public long sgnj(int fmt, int which, long a, long b) {
        long x = in(fmt, a);
        long y = in(fmt, b);
        long sign = SoftFloat.sign_bit(fmt);
        long s = switch (which) {
            case 0 -> y & sign;
            case 1 -> ~y & sign;
            default -> (x ^ y) & sign;
        };
        return out(fmt, (x & ~sign) | s);
    }

    public long min_max(int fmt, long a, long b, boolean max) {
        return out(fmt, sf.min_max(fmt, in(fmt, a), in(fmt, b), max));
    }

    /** feq (0), flt (1), fle (2): 1 or 0 for an integer register. */
    public long compare(int fmt, long a, long b, int which) {
        return sf.compare(fmt, in(fmt, a), in(fmt, b), which);
    }

    public long fclass(int fmt, long a) {
        return SoftFloat.fclass(fmt, in(fmt, a));
    }

    /** fcvt.s.d (to S) and fcvt.d.s (to D). */
    public long convert(int to, long a, int rm) {
        int from = to == S ? D : S;
        return out(to, sf.convert(from, to, in(from, a), rm));
    }

    /** fcvt.{w,wu,l,lu}.fmt: kind 0-3. */
    public long to_int(int fmt, long a, int kind, int rm) {
        return sf.to_int(fmt, in(fmt, a), kind, rm);
    }

    /** fcvt.fmt.{w,wu,l,lu}: kind 0-3. */
    public long from_int(int fmt, long v, int kind, int rm) {
        return out(fmt, sf.from_int(fmt, v, kind, rm));
    }
}
