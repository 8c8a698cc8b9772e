package org.jstap.sim.hw.riscv;

import java.math.BigInteger;

/**
 * IEEE 754-2008 binary32 and binary64 arithmetic done exactly in integers, as the RISC-V F and D
 * extensions define it: every result is the exact value rounded once in the requested mode
 * (RNE, RTZ, RDN, RUP, RMM), the five exception flags accumulate in {@link #flags}, tininess is
 * detected after rounding, and every NaN result is the canonical NaN. Operands and results are
 * raw bit patterns (a single in the low 32 bits). {@link Fpu} calls it where the host's
 * arithmetic cannot give the result and the flags directly.
 *
 * <pre>{@code
 * SoftFloat sf = new SoftFloat();
 * long third = sf.div(SoftFloat.D, ONE_BITS, THREE_BITS, SoftFloat.RUP);   // rounded up
 * boolean inexact = (sf.flags & SoftFloat.NX) != 0;                        // true
 * }</pre>
 */
public final class SoftFloat {
    /** Formats. */
    public static final int S = 0;
    public static final int D = 1;
    /** Rounding modes (the rm field). */
    public static final int RNE = 0;
    public static final int RTZ = 1;
    public static final int RDN = 2;
    public static final int RUP = 3;
    public static final int RMM = 4;
    /** fflags bits. */
    public static final int NX = 1;
    public static final int UF = 2;
    public static final int OF = 4;
    public static final int DZ = 8;
    public static final int NV = 16;

    public static final long CANONICAL_NAN_S = 0x7fc0_0000L;
    public static final long CANONICAL_NAN_D = 0x7ff8_0000_0000_0000L;

    /** Precision (with the hidden bit), smallest and largest normal exponent, exponent width. */
    private static final int[] P = {24, 53};
    private static final int[] EMIN = {-126, -1022};
    private static final int[] EMAX = {127, 1023};
    private static final int[] EBITS = {8, 11};

    /** Accrued exception flags (fflags). */
    public int flags;

    // the last unpack: value = mag * 2^exp, sign apart
    private long mag;
    private int exp;

    // ---------------------------------------------------------------- classification

    public static long sign_bit(int fmt) {
        return fmt == S ? 1L << 31 : 1L << 63;
    }

    public static boolean negative(int fmt, long v) {
        return (v & sign_bit(fmt)) != 0;
    }

    private static long exp_field(int fmt, long v) {
        return (v >>> (P[fmt] - 1)) & ((1L << EBITS[fmt]) - 1);
    }

    private static long frac_field(int fmt, long v) {
        return v & ((1L << (P[fmt] - 1)) - 1);
    }

    private static long exp_all_ones(int fmt) {
        return (1L << EBITS[fmt]) - 1;
    }

    public static boolean is_nan(int fmt, long v) {
        return exp_field(fmt, v) == exp_all_ones(fmt) && frac_field(fmt, v) != 0;
    }

    /** A signalling NaN: the quiet bit (the fraction's top bit) is clear. */
    public static boolean is_snan(int fmt, long v) {
        return is_nan(fmt, v) && (v & (1L << (P[fmt] - 2))) == 0;
    }

    public static boolean is_inf(int fmt, long v) {
        return exp_field(fmt, v) == exp_all_ones(fmt) && frac_field(fmt, v) == 0;
    }

    public static boolean is_zero(int fmt, long v) {
        return (v & (sign_bit(fmt) - 1)) == 0;
    }

    public static long canonical_nan(int fmt) {
        return fmt == S ? CANONICAL_NAN_S : CANONICAL_NAN_D;
    }

    public static long zero(int fmt, boolean neg) {
        return neg ? sign_bit(fmt) : 0;
    }

    public static long inf(int fmt, boolean neg) {
        return zero(fmt, neg) | exp_all_ones(fmt) << (P[fmt] - 1);
    }

    private static long max_finite(int fmt, boolean neg) {
        return inf(fmt, neg) - 1;
    }

    /** fclass: one bit for the class of {@code v}. */
    public static long fclass(int fmt, long v) {
        boolean neg = negative(fmt, v);
        if (is_nan(fmt, v)) {
            return is_snan(fmt, v) ? 1 << 8 : 1 << 9;
        }
        if (is_inf(fmt, v)) {
            return neg ? 1 : 1 << 7;
        }
        if (is_zero(fmt, v)) {
            return neg ? 1 << 3 : 1 << 4;
        }
        if (exp_field(fmt, v) == 0) {
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    /** Splits a finite nonzero value into {@link #mag} and {@link #exp}. */
    private void unpack(int fmt, long v) {
        int p = P[fmt];
        long frac = frac_field(fmt, v);
        long be = exp_field(fmt, v);
        if (be == 0) {
            mag = frac;
            exp = EMIN[fmt] - (p - 1);
        } else {
            mag = frac | 1L << (p - 1);
            exp = (int) be - EMAX[fmt] - (p - 1);
        }
    }

    /** An operation with a NaN operand: NV for a signalling one, and the canonical NaN. */
    private long nan_result(int fmt, long a, long b) {
        if (is_snan(fmt, a) || is_snan(fmt, b)) {
            flags |= NV;
        }
        return canonical_nan(fmt);
    }

    private long invalid(int fmt) {
        flags |= NV;
        return canonical_nan(fmt);
    }

    // ---------------------------------------------------------------- rounding

    // how the discarded part compares with half an ulp
    private static final int EXACT = 0;
    private static final int BELOW_HALF = 1;
    private static final int HALF = 2;
    private static final int ABOVE_HALF = 3;

    private long kept;

    /** Rounds m*2^e (plus a sticky fraction below its last bit) to a multiple of 2^q: sets kept, returns the class. */
    private int cut(long m, int e, boolean sticky, int q) {
        int shift = q - e;
        if (shift <= 0) {
            kept = m << -shift;
            return sticky ? BELOW_HALF : EXACT;
        }
        if (shift >= 64) {
            kept = 0;
            return m != 0 || sticky ? BELOW_HALF : EXACT;
        }
        kept = m >>> shift;
        long rem = m & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        if (rem == 0) {
            return sticky ? BELOW_HALF : EXACT;
        }
        if (rem < half) {
            return BELOW_HALF;
        }
        return rem == half && !sticky ? HALF : ABOVE_HALF;
    }

    private static boolean round_up(int cls, long kept, int rm, boolean neg) {
        if (cls == EXACT) {
            return false;
        }
        return switch (rm) {
            case RNE -> cls == ABOVE_HALF || (cls == HALF && (kept & 1) != 0);
            case RTZ -> false;
            case RDN -> neg;
            case RUP -> !neg;
            default -> cls >= HALF;
        };
    }

    private static int bit_length(long m) {
        return 64 - Long.numberOfLeadingZeros(m);
    }

    /**
     * The value (-1)^neg * (m + s) * 2^e rounded to {@code fmt} in mode {@code rm}, where
     * 0 < s < 1 when {@code sticky} (else s = 0) and m < 2^62, with the flags it raises.
     */
    public long round(int fmt, boolean neg, long m, int e, boolean sticky, int rm) {
        int p = P[fmt];
        int emin = EMIN[fmt];
        if (m == 0 && !sticky) {
            return zero(fmt, neg);
        }
        if (m == 0) {
            // only a fraction below 2^e: give it a last bit to round on
            m = 1;
            e -= 1;
        }
        int top = e + bit_length(m) - 1;
        int q = Math.max(top, emin) - (p - 1);
        int cls = cut(m, e, sticky, q);
        long k = kept;
        if (round_up(cls, k, rm, neg)) {
            k++;
        }
        if (k == 1L << p) {
            k >>>= 1;
            q++;
        }
        if (k != 0 && q + bit_length(k) - 1 > EMAX[fmt]) {
            flags |= OF | NX;
            boolean toInf = switch (rm) {
                case RTZ -> false;
                case RDN -> neg;
                case RUP -> !neg;
                default -> true;
            };
            return toInf ? inf(fmt, neg) : max_finite(fmt, neg);
        }
        if (cls != EXACT) {
            flags |= NX;
            if (top < emin && tiny_after_rounding(fmt, neg, m, e, sticky, rm, top)) {
                flags |= UF;
            }
        }
        long signBits = zero(fmt, neg);
        if (k < 1L << (p - 1)) {
            return signBits | k;
        }
        long biased = q + (p - 1) + EMAX[fmt];
        return signBits | biased << (p - 1) | (k & ((1L << (p - 1)) - 1));
    }

    /** Whether the result rounded with an unbounded exponent range would be below the smallest normal. */
    private boolean tiny_after_rounding(int fmt, boolean neg, long m, int e, boolean sticky, int rm, int top) {
        int p = P[fmt];
        int cls = cut(m, e, sticky, top - (p - 1));
        long k = kept + (round_up(cls, kept, rm, neg) ? 1 : 0);
        int roundedTop = k == 1L << p ? top + 1 : top;
        return roundedTop < EMIN[fmt];
    }

    /** Rounds a BigInteger magnitude times 2^e (and a sticky fraction) to {@code fmt}. */
    private long round_big(int fmt, boolean neg, BigInteger m, int e, boolean sticky, int rm) {
        int n = m.bitLength();
        if (n > 62) {
            int shift = n - 62;
            sticky |= m.getLowestSetBit() < shift;
            m = m.shiftRight(shift);
            e += shift;
        }
        return round(fmt, neg, m.longValue(), e, sticky, rm);
    }

    // ---------------------------------------------------------------- arithmetic

    public long add(int fmt, long a, long b, int rm) {
        if (is_nan(fmt, a) || is_nan(fmt, b)) {
            return nan_result(fmt, a, b);
        }
        boolean ia = is_inf(fmt, a);
        boolean ib = is_inf(fmt, b);
        if (ia || ib) {
            if (ia && ib && negative(fmt, a) != negative(fmt, b)) {
                return invalid(fmt);
            }
            return ia ? a : b;
        }
        boolean za = is_zero(fmt, a);
        boolean zb = is_zero(fmt, b);
        if (za && zb) {
            return negative(fmt, a) == negative(fmt, b) ? a : zero(fmt, rm == RDN);
        }
        if (za || zb) {
            return za ? b : a;
        }
        boolean sa = negative(fmt, a);
        boolean sb = negative(fmt, b);
        unpack(fmt, a);
        long ma = mag;
        int ea = exp;
        unpack(fmt, b);
        long mb = mag;
        int eb = exp;
        if (ea < eb) {
            long tm = ma;
            ma = mb;
            mb = tm;
            int te = ea;
            ea = eb;
            eb = te;
            boolean ts = sa;
            sa = sb;
            sb = ts;
        }
        int d = ea - eb;
        int s = Math.min(d, 61 - bit_length(ma));
        ma <<= s;
        ea -= s;
        d -= s;
        boolean sticky = false;
        if (d > 0) {
            if (d >= 63) {
                sticky = true;
                mb = 0;
            } else {
                sticky = (mb & ((1L << d) - 1)) != 0;
                mb >>>= d;
            }
        }
        if (sa == sb) {
            return round(fmt, sa, ma + mb, ea, sticky, rm);
        }
        if (ma > mb || (ma == mb && sticky)) {
            return round(fmt, sa, ma - mb - (sticky ? 1 : 0), ea, sticky, rm);
        }
        if (ma < mb) {
            return round(fmt, sb, mb - ma, ea, false, rm);
        }
        return zero(fmt, rm == RDN);
    }

    public long sub(int fmt, long a, long b, int rm) {
        return add(fmt, a, is_nan(fmt, b) ? b : b ^ sign_bit(fmt), rm);
    }

    public long mul(int fmt, long a, long b, int rm) {
        if (is_nan(fmt, a) || is_nan(fmt, b)) {
            return nan_result(fmt, a, b);
        }
        boolean neg = negative(fmt, a) != negative(fmt, b);
        boolean ia = is_inf(fmt, a);
        boolean ib = is_inf(fmt, b);
        boolean za = is_zero(fmt, a);
        boolean zb = is_zero(fmt, b);
        if (ia || ib) {
            return za || zb ? invalid(fmt) : inf(fmt, neg);
        }
        if (za || zb) {
            return zero(fmt, neg);
        }
        unpack(fmt, a);
        long ma = mag;
        int ea = exp;
        unpack(fmt, b);
        return round_product(fmt, neg, ma, mag, ea + exp, rm);
    }

    /** Rounds ma*mb*2^e (each below 2^53) exactly once. */
    private long round_product(int fmt, boolean neg, long ma, long mb, int e, int rm) {
        long hi = Math.multiplyHigh(ma, mb);
        long lo = ma * mb;
        if (hi == 0 && lo >= 0 && bit_length(lo) <= 62) {
            return round(fmt, neg, lo, e, false, rm);
        }
        int n = 64 + bit_length(hi);
        if (hi == 0) {
            n = bit_length(lo);
        }
        int shift = n - 62;
        long m = (hi << (64 - shift)) | (lo >>> shift);
        boolean sticky = (lo & ((1L << shift) - 1)) != 0;
        return round(fmt, neg, m, e + shift, sticky, rm);
    }

    public long div(int fmt, long a, long b, int rm) {
        if (is_nan(fmt, a) || is_nan(fmt, b)) {
            return nan_result(fmt, a, b);
        }
        boolean neg = negative(fmt, a) != negative(fmt, b);
        boolean ia = is_inf(fmt, a);
        boolean ib = is_inf(fmt, b);
        boolean za = is_zero(fmt, a);
        boolean zb = is_zero(fmt, b);
        if (ia) {
            return ib ? invalid(fmt) : inf(fmt, neg);
        }
        if (ib) {
            return zero(fmt, neg);
        }
        if (zb) {
            if (za) {
                return invalid(fmt);
            }
            flags |= DZ;
            return inf(fmt, neg);
        }
        if (za) {
            return zero(fmt, neg);
        }
        int p = P[fmt];
        unpack(fmt, a);
        int sh = p - bit_length(mag);
        long ma = mag << sh;
        int ea = exp - sh;
        unpack(fmt, b);
        sh = p - bit_length(mag);
        long mb = mag << sh;
        int eb = exp - sh;
        // long division, p+3 quotient bits: ma/mb is in (1/2, 2)
        int steps = p + 3;
        long q = 0;
        long rem = ma;
        for (int i = 0; i < steps; i++) {
            q <<= 1;
            if (rem >= mb) {
                rem -= mb;
                q |= 1;
            }
            rem <<= 1;
        }
        return round(fmt, neg, q, ea - eb - (steps - 1), rem != 0, rm);
    }

    public long sqrt(int fmt, long a, int rm) {
        if (is_nan(fmt, a)) {
            return nan_result(fmt, a, a);
        }
        if (is_zero(fmt, a)) {
            return a;
        }
        if (negative(fmt, a)) {
            return invalid(fmt);
        }
        if (is_inf(fmt, a)) {
            return a;
        }
        unpack(fmt, a);
        long m = mag;
        int e = exp;
        if ((e & 1) != 0) {
            m <<= 1;
            e -= 1;
        }
        // a radicand of at least 2(p+2) bits gives a root of at least p+2
        int want = 2 * (P[fmt] + 2);
        int s = Math.max(0, want - bit_length(m));
        s += s & 1;
        BigInteger radicand = BigInteger.valueOf(m).shiftLeft(s);
        BigInteger root = radicand.sqrt();
        boolean sticky = !root.multiply(root).equals(radicand);
        return round_big(fmt, false, root, (e - s) / 2, sticky, rm);
    }

    /** fmadd: a*b + c rounded once; the other three fused forms negate operands before calling. */
    public long fma(int fmt, long a, long b, long c, int rm) {
        boolean anyNan = is_nan(fmt, a) || is_nan(fmt, b) || is_nan(fmt, c);
        boolean ia = is_inf(fmt, a);
        boolean ib = is_inf(fmt, b);
        boolean za = is_zero(fmt, a);
        boolean zb = is_zero(fmt, b);
        if ((ia && zb) || (ib && za)) {
            // invalid even when c is a quiet NaN
            flags |= NV;
            return canonical_nan(fmt);
        }
        if (anyNan) {
            if (is_snan(fmt, a) || is_snan(fmt, b) || is_snan(fmt, c)) {
                flags |= NV;
            }
            return canonical_nan(fmt);
        }
        boolean pneg = negative(fmt, a) != negative(fmt, b);
        boolean cneg = negative(fmt, c);
        boolean ic = is_inf(fmt, c);
        if (ia || ib) {
            if (ic && cneg != pneg) {
                return invalid(fmt);
            }
            return inf(fmt, pneg);
        }
        if (ic) {
            return c;
        }
        boolean zc = is_zero(fmt, c);
        if (za || zb) {
            if (zc) {
                return pneg == cneg ? zero(fmt, pneg) : zero(fmt, rm == RDN);
            }
            return c;
        }
        unpack(fmt, a);
        long ma = mag;
        int ea = exp;
        unpack(fmt, b);
        long mb = mag;
        int ep = ea + exp;
        if (zc) {
            return round_product(fmt, pneg, ma, mb, ep, rm);
        }
        unpack(fmt, c);
        BigInteger prod = BigInteger.valueOf(ma).multiply(BigInteger.valueOf(mb));
        BigInteger addend = BigInteger.valueOf(mag);
        int e = Math.min(ep, exp);
        prod = prod.shiftLeft(ep - e);
        addend = addend.shiftLeft(exp - e);
        BigInteger sum = (pneg ? prod.negate() : prod).add(cneg ? addend.negate() : addend);
        if (sum.signum() == 0) {
            return zero(fmt, rm == RDN);
        }
        return round_big(fmt, sum.signum() < 0, sum.abs(), e, false, rm);
    }

    // ---------------------------------------------------------------- conversions

    /** fcvt between formats: {@code a} in {@code from} to {@code to}. */
    public long convert(int from, int to, long a, int rm) {
        if (is_nan(from, a)) {
            nan_result(from, a, a);
            return canonical_nan(to);
        }
        boolean neg = negative(from, a);
        if (is_inf(from, a)) {
            return inf(to, neg);
        }
        if (is_zero(from, a)) {
            return zero(to, neg);
        }
        unpack(from, a);
        return round(to, neg, mag, exp, false, rm);
    }

    /** fcvt.s/d.{w,wu,l,lu}: integer {@code v} (kind 0 w, 1 wu, 2 l, 3 lu) to {@code fmt}. */
    public long from_int(int fmt, long v, int kind, int rm) {
        boolean neg;
        long m;
        switch (kind) {
            case 0 -> {
                long w = (int) v;
                neg = w < 0;
                m = Math.abs(w);
            }
            case 1 -> {
                neg = false;
                m = v & 0xffff_ffffL;
            }
            case 2 -> {
                neg = v < 0;
                m = neg ? -v : v;
            }
            default -> {
                neg = false;
                m = v;
            }
        }
        // m is an unsigned 64-bit magnitude (2^63 for Long.MIN_VALUE)
        int e = 0;
        boolean sticky = false;
        if ((m & 0xc000_0000_0000_0000L) != 0) {
            sticky = (m & 3) != 0;
            m >>>= 2;
            e = 2;
        }
        return round(fmt, neg, m, e, sticky, rm);
    }

    /**
     * fcvt.{w,wu,l,lu}.s/d: {@code a} rounded to an integer of kind 0 w, 1 wu, 2 l, 3 lu; out of
     * range (or NaN) saturates and raises NV alone. 32-bit results come sign-extended.
     */
    public long to_int(int fmt, long a, int kind, int rm) {
        boolean unsigned = (kind & 1) != 0;
        boolean wide = kind >= 2;
        long max = wide ? (unsigned ? -1L : Long.MAX_VALUE) : (unsigned ? 0xffff_ffffL : Integer.MAX_VALUE);
        long min = unsigned ? 0 : wide ? Long.MIN_VALUE : Integer.MIN_VALUE;
        if (is_nan(fmt, a)) {
            flags |= NV;
            return sext(max, wide);
        }
        boolean neg = negative(fmt, a);
        if (is_inf(fmt, a)) {
            flags |= NV;
            return sext(neg ? min : max, wide);
        }
        if (is_zero(fmt, a)) {
            return 0;
        }
        unpack(fmt, a);
        long k;
        int cls;
        if (exp >= 0) {
            if (bit_length(mag) + exp > 64) {
                flags |= NV;
                return sext(neg ? min : max, wide);
            }
            k = mag << exp;
            cls = EXACT;
        } else {
            cls = cut(mag, exp, false, 0);
            k = kept;
            if (round_up(cls, k, rm, neg)) {
                k++;
            }
        }
        // k is an unsigned magnitude now
        boolean inRange;
        if (neg) {
            inRange = k == 0 || (!unsigned && Long.compareUnsigned(k, wide ? 1L << 63 : 1L << 31) <= 0);
        } else {
            inRange = Long.compareUnsigned(k, max) <= 0;
        }
        if (!inRange) {
            flags |= NV;
            return sext(neg ? min : max, wide);
        }
        if (cls != EXACT) {
            flags |= NX;
        }
        return sext(neg ? -k : k, wide);
    }

    private static long sext(long v, boolean wide) {
        return wide ? v : (int) v;
    }

    // ---------------------------------------------------------------- comparisons

    /** The exact value as a double (a single converts exactly); only for ordered values. */
    private static double value(int fmt, long v) {
        return fmt == S ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
    }

    /** feq (quiet: NV only for a signalling NaN), flt and fle (signalling: NV for any NaN). */
    public long compare(int fmt, long a, long b, int which) {
        if (is_nan(fmt, a) || is_nan(fmt, b)) {
            if (which != 0 || is_snan(fmt, a) || is_snan(fmt, b)) {
                flags |= NV;
            }
            return 0;
        }
        double x = value(fmt, a);
        double y = value(fmt, b);
        boolean r = switch (which) {
            case 0 -> x == y;
            case 1 -> x < y;
            default -> x <= y;
        };
        return r ? 1 : 0;
    }

    /** fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber): a NaN loses to a number, -0 < +0. */
    public long min_max(int fmt, long a, long b, boolean max) {
        boolean na = is_nan(fmt, a);
        boolean nb = is_nan(fmt, b);
        if (is_snan(fmt, a) || is_snan(fmt, b)) {
            flags |= NV;
        }
        if (na && nb) {
            return canonical_nan(fmt);
        }
        if (na) {
            return b;
        }
        if (nb) {
            return a;
        }
        double x = value(fmt, a);
        double y = value(fmt, b);
        if (x == y) {
            boolean aNeg = negative(fmt, a);
            return max == aNeg ? b : a;
        }
        return (x > y) == max ? a : b;
    }
}
