package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.Asm.*;
import static org.jstap.sim.hw.riscv.SoftFloat.DZ;
import static org.jstap.sim.hw.riscv.SoftFloat.NV;
import static org.jstap.sim.hw.riscv.SoftFloat.NX;
import static org.jstap.sim.hw.riscv.SoftFloat.OF;
import static org.jstap.sim.hw.riscv.SoftFloat.UF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * F and D on the hart, with expected results and flags worked out from the RISC-V specification
 * and IEEE 754 (canonical NaN 0x7ff8000000000000 / 0x7fc00000, tininess after rounding, fcvt
 * saturation, NaN boxing), not from the implementation.
 */
class FloatIsaTest {
    private static final int DBL = 1;
    private static final int SGL = 0;
    private static final int RNE = 0;
    private static final int RTZ = 1;
    private static final int RDN = 2;
    private static final int RUP = 3;
    private static final int RMM = 4;
    private static final int DYN = 7;
    private static final long QNAN_D = 0x7ff8_0000_0000_0000L;
    private static final long SNAN_D = 0x7ff0_0000_0000_0001L;
    private static final long QNAN_S = 0xffff_ffff_7fc0_0000L;
    private static final long SNAN_S = 0xffff_ffff_7f80_0001L;
    private static final long INF_D = 0x7ff0_0000_0000_0000L;
    private static final long MAX_D = 0x7fef_ffff_ffff_ffffL;
    private static final long MIN_NORMAL_D = 0x0010_0000_0000_0000L;

    private final HartHarness h = new HartHarness();
    private int flags;

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long s(float v) {
        return 0xffff_ffff_0000_0000L | Float.floatToRawIntBits(v) & 0xffff_ffffL;
    }

    /** Runs one instruction on f1, f2, f3 (and x5); result in f4, or x7 for integer results. */
    private long f(int insn, long a, long b, long c) {
        h.f[1] = a;
        h.f[2] = b;
        h.f[3] = c;
        h.hart.fpu().sf.flags = 0;
        h.exec(insn);
        flags = h.hart.fpu().sf.flags;
        return h.f[4];
    }

    private long f(int insn, long a, long b) {
        return f(insn, a, b, 0);
    }

    private long toInt(int kind, int fmt, long a, int rm) {
        f(fcvt_to_int(kind, fmt, 7, 1, rm), a, 0);
        return h.x[7];
    }

    private long fromInt(int kind, int fmt, long v, int rm) {
        h.x[5] = v;
        return f(fcvt_from_int(kind, fmt, 4, 5, rm), 0, 0);
    }

    private void flags(int expected) {
        assertEquals(expected, flags, "fflags");
    }

    @Test
    void divide_everyRoundingMode() {
        long one = d(1);
        long three = d(3);
        assertEquals(0x3fd5_5555_5555_5555L, f(fdiv(DBL, 4, 1, 2, RNE), one, three));
        flags(NX);
        assertEquals(0x3fd5_5555_5555_5556L, f(fdiv(DBL, 4, 1, 2, RUP), one, three));
        assertEquals(0x3fd5_5555_5555_5555L, f(fdiv(DBL, 4, 1, 2, RDN), one, three));
        assertEquals(0x3fd5_5555_5555_5555L, f(fdiv(DBL, 4, 1, 2, RTZ), one, three));
        assertEquals(0x3fd5_5555_5555_5555L, f(fdiv(DBL, 4, 1, 2, RMM), one, three));
        assertEquals(0xbfd5_5555_5555_5556L, f(fdiv(DBL, 4, 1, 2, RDN), d(-1), three), "RDN rounds a negative away");
        assertEquals(s(1f / 3f), f(fdiv(SGL, 4, 1, 2, RNE), s(1), s(3)));
        assertEquals(0xffff_ffff_3eaa_aaaaL, f(fdiv(SGL, 4, 1, 2, RTZ), s(1), s(3)));
        assertEquals(d(0.75), f(fdiv(DBL, 4, 1, 2, RUP), d(3), d(4)));
        flags(0);
    }

    @Test
    void divideByZero_andInvalid() {
        assertEquals(INF_D, f(fdiv(DBL, 4, 1, 2, RNE), d(1), d(0)));
        flags(DZ);
        assertEquals(INF_D | Long.MIN_VALUE, f(fdiv(DBL, 4, 1, 2, RNE), d(-1), d(0)));
        flags(DZ);
        assertEquals(QNAN_D, f(fdiv(DBL, 4, 1, 2, RNE), d(0), d(0)));
        flags(NV);
        assertEquals(QNAN_D, f(fdiv(DBL, 4, 1, 2, RNE), INF_D, INF_D));
        flags(NV);
        assertEquals(d(0), f(fdiv(DBL, 4, 1, 2, RNE), d(1), INF_D));
        flags(0);
        assertEquals(QNAN_S, f(fdiv(SGL, 4, 1, 2, RNE), s(0), s(0)));
        flags(NV);
    }

    @Test
    void add_tiesAndSignedZeros() {
        assertEquals(0x3fd3_3333_3333_3334L, f(fadd(DBL, 4, 1, 2, RNE), d(0.1), d(0.2)));
        flags(NX);
        assertEquals(0x3fd3_3333_3333_3333L, f(fadd(DBL, 4, 1, 2, RDN), d(0.1), d(0.2)));
        // 1 + 2^-53 is halfway between 1 and 1 + 2^-52
        assertEquals(d(1), f(fadd(DBL, 4, 1, 2, RNE), d(1), d(0x1p-53)), "ties to even");
        assertEquals(0x3ff0_0000_0000_0001L, f(fadd(DBL, 4, 1, 2, RMM), d(1), d(0x1p-53)), "ties away");
        flags(NX);
        assertEquals(d(0), f(fadd(DBL, 4, 1, 2, RNE), d(1.5), d(-1.5)), "x + -x is +0");
        assertEquals(d(-0.0), f(fadd(DBL, 4, 1, 2, RDN), d(1.5), d(-1.5)), "but -0 rounding down");
        assertEquals(d(-0.0), f(fadd(DBL, 4, 1, 2, RNE), d(-0.0), d(-0.0)));
        assertEquals(d(0), f(fsub(DBL, 4, 1, 2, RNE), d(-0.0), d(-0.0)));
        flags(0);
        assertEquals(s(0), f(fadd(SGL, 4, 1, 2, RUP), s(2.5f), s(-2.5f)));
        assertEquals(s(-0f), f(fadd(SGL, 4, 1, 2, RDN), s(2.5f), s(-2.5f)));
    }

    @Test
    void nans_areCanonicalAndOnlySignallingOnesAreInvalid() {
        assertEquals(QNAN_D, f(fadd(DBL, 4, 1, 2, RNE), 0x7ff8_0000_dead_beefL, d(1)));
        flags(0);
        assertEquals(QNAN_D, f(fmul(DBL, 4, 1, 2, RNE), SNAN_D, d(1)));
        flags(NV);
        assertEquals(QNAN_D, f(fsub(DBL, 4, 1, 2, RNE), INF_D, INF_D));
        flags(NV);
        assertEquals(QNAN_D, f(fmul(DBL, 4, 1, 2, RNE), INF_D, d(0)));
        flags(NV);
        assertEquals(QNAN_S, f(fadd(SGL, 4, 1, 2, RNE), SNAN_S, s(1)));
        flags(NV);
        assertEquals(QNAN_S, f(fsqrt(SGL, 4, 1, RNE), s(-1), 0));
        flags(NV);
        assertEquals(INF_D, f(fadd(DBL, 4, 1, 2, RNE), INF_D, d(1)));
        flags(0);
    }

    @Test
    void overflow_dependsOnTheMode() {
        assertEquals(INF_D, f(fmul(DBL, 4, 1, 2, RNE), MAX_D, d(2)));
        flags(OF | NX);
        assertEquals(MAX_D, f(fmul(DBL, 4, 1, 2, RTZ), MAX_D, d(2)));
        flags(OF | NX);
        assertEquals(MAX_D, f(fmul(DBL, 4, 1, 2, RDN), MAX_D, d(2)));
        assertEquals(INF_D, f(fmul(DBL, 4, 1, 2, RUP), MAX_D, d(2)));
        assertEquals(MAX_D | Long.MIN_VALUE, f(fmul(DBL, 4, 1, 2, RUP), MAX_D, d(-2)));
        assertEquals(INF_D, f(fadd(DBL, 4, 1, 2, RUP), MAX_D, d(0x1p960)), "rounding up past the largest");
        flags(OF | NX);
        assertEquals(MAX_D, f(fadd(DBL, 4, 1, 2, RNE), MAX_D, d(1)), "a small addend is only inexact");
        flags(NX);
    }

    @Test
    void subnormals_andTininessAfterRounding() {
        assertEquals(0x0008_0000_0000_0000L, f(fmul(DBL, 4, 1, 2, RNE), MIN_NORMAL_D, d(0.5)), "exact subnormal");
        flags(0);
        assertEquals(d(0), f(fmul(DBL, 4, 1, 2, RNE), d(Double.MIN_VALUE), d(0.5)), "a tie to even: zero");
        flags(UF | NX);
        assertEquals(d(Double.MIN_VALUE), f(fmul(DBL, 4, 1, 2, RUP), d(Double.MIN_VALUE), d(0.5)));
        flags(UF | NX);
        // 2^-1022 (1 - 2^-55): rounds to the smallest normal, and would with an unbounded exponent
        // too, so it is not tiny after rounding: inexact only
        assertEquals(MIN_NORMAL_D, f(fma(0, DBL, 4, 1, 2, 3, RNE), MIN_NORMAL_D, d(-0x1p-55), MIN_NORMAL_D));
        flags(NX);
        // 2^-1022 (1 - 2^-53) also rounds to it, but unbounded it stays below: tiny, so underflow
        assertEquals(MIN_NORMAL_D, f(fmul(DBL, 4, 1, 2, RNE), MIN_NORMAL_D, d(Math.nextDown(1.0))));
        flags(UF | NX);
        assertEquals(s(0x1p-127f), f(fmul(SGL, 4, 1, 2, RNE), s(0x1p-126f), s(0.5f)));
        flags(0);
        assertEquals(d(0x1p-537), f(fsqrt(DBL, 4, 1, RNE), d(0x1p-1074), 0), "sqrt of the smallest subnormal");
        flags(0);
    }

    @Test
    void sqrt_roundsAndHandlesSigns() {
        assertEquals(0x3ff6_a09e_667f_3bcdL, f(fsqrt(DBL, 4, 1, RNE), d(2), 0));
        flags(NX);
        assertEquals(0x3ff6_a09e_667f_3bcdL, f(fsqrt(DBL, 4, 1, RUP), d(2), 0));
        assertEquals(0x3ff6_a09e_667f_3bccL, f(fsqrt(DBL, 4, 1, RDN), d(2), 0));
        assertEquals(0x3ff6_a09e_667f_3bccL, f(fsqrt(DBL, 4, 1, RTZ), d(2), 0));
        assertEquals(d(-0.0), f(fsqrt(DBL, 4, 1, RNE), d(-0.0), 0), "sqrt(-0) = -0");
        flags(0);
        assertEquals(QNAN_D, f(fsqrt(DBL, 4, 1, RNE), d(-1e-300), 0));
        flags(NV);
        assertEquals(0xffff_ffff_3fb5_04f3L, f(fsqrt(SGL, 4, 1, RNE), s(2), 0));
        flags(NX);
        assertEquals(d(3), f(fsqrt(DBL, 4, 1, RNE), d(9), 0));
        flags(0);
    }

    @Test
    void fusedMultiplyAdd_roundsOnce() {
        // 0.1 * 10 - 1 exactly is 2^-54; a separate multiply would round it away
        assertEquals(d(0x1p-54), f(fma(0, DBL, 4, 1, 2, 3, RNE), d(0.1), d(10), d(-1)));
        flags(0);
        assertEquals(d(0), f(fsub(DBL, 4, 1, 2, RNE), f(fmul(DBL, 4, 1, 2, RNE), d(0.1), d(10)), d(1)));
        assertEquals(d(0), f(fmul(DBL, 4, 1, 2, RNE), d(0), d(0)));
        assertEquals(d(7), f(fma(0, DBL, 4, 1, 2, 3, RNE), d(2), d(2), d(3)));
        assertEquals(d(1), f(fma(1, DBL, 4, 1, 2, 3, RNE), d(2), d(2), d(3)), "fmsub: a*b - c");
        assertEquals(d(-1), f(fma(2, DBL, 4, 1, 2, 3, RNE), d(2), d(2), d(3)), "fnmsub: -a*b + c");
        assertEquals(d(-7), f(fma(3, DBL, 4, 1, 2, 3, RNE), d(2), d(2), d(3)), "fnmadd: -a*b - c");
        flags(0);
        assertEquals(QNAN_D, f(fma(0, DBL, 4, 1, 2, 3, RNE), INF_D, d(0), QNAN_D), "inf*0 is invalid even + qNaN");
        flags(NV);
        assertEquals(QNAN_D, f(fma(0, DBL, 4, 1, 2, 3, RNE), INF_D, d(1), INF_D | Long.MIN_VALUE));
        flags(NV);
        assertEquals(d(-0.0), f(fma(0, DBL, 4, 1, 2, 3, RNE), d(-0.0), d(1), d(-0.0)));
        assertEquals(d(0), f(fma(0, DBL, 4, 1, 2, 3, RNE), d(-1), d(1), d(1)), "exact zero sum is +0");
        assertEquals(d(-0.0), f(fma(0, DBL, 4, 1, 2, 3, RDN), d(-1), d(1), d(1)), "-0 rounding down");
        assertEquals(s(-0x1p-26f), f(fma(0, SGL, 4, 1, 2, 3, RNE), s(1 + 0x1p-13f), s(1 - 0x1p-13f), s(-1)),
                "(1+e)(1-e) - 1 with e = 2^-13: a separate multiply rounds 1 - e^2 to 1");
    }

    @Test
    void convertToInt_saturatesAndRounds() {
        assertEquals(Integer.MAX_VALUE, toInt(0, DBL, QNAN_D, RNE), "NaN -> largest");
        flags(NV);
        assertEquals(Integer.MAX_VALUE, toInt(0, DBL, INF_D, RNE));
        assertEquals(Integer.MIN_VALUE, toInt(0, DBL, INF_D | Long.MIN_VALUE, RNE));
        assertEquals(Integer.MAX_VALUE, toInt(0, DBL, d(3e9), RNE));
        flags(NV);
        assertEquals(Integer.MIN_VALUE, toInt(0, DBL, d(-2147483648.9), RTZ), "truncates into range");
        flags(NX);
        assertEquals(2, toInt(0, DBL, d(2.5), RNE));
        flags(NX);
        assertEquals(3, toInt(0, DBL, d(2.5), RMM));
        assertEquals(-3, toInt(0, DBL, d(-2.5), RDN));
        assertEquals(-2, toInt(0, DBL, d(-2.5), RTZ));
        assertEquals(3, toInt(0, DBL, d(2.1), RUP));
        assertEquals(0, toInt(1, DBL, d(-1), RNE), "unsigned of a negative");
        flags(NV);
        assertEquals(0, toInt(1, DBL, d(-0.5), RTZ), "rounds to zero first: only inexact");
        flags(NX);
        assertEquals(-1, toInt(1, DBL, d(4294967295.0), RNE), "wu results are sign-extended");
        flags(0);
        assertEquals(-1, toInt(1, DBL, QNAN_D, RNE), "wu of NaN: 2^32-1, sign-extended");
        assertEquals(Long.MAX_VALUE, toInt(2, DBL, d(0x1p63), RNE));
        flags(NV);
        assertEquals(Long.MIN_VALUE, toInt(2, DBL, d(-0x1p63), RNE));
        flags(0);
        assertEquals(-1, toInt(3, DBL, QNAN_D, RNE), "lu of NaN: 2^64-1");
        assertEquals(0, toInt(3, DBL, INF_D | Long.MIN_VALUE, RNE));
        flags(NV);
        assertEquals(0x8000_0000_0000_0000L, toInt(3, DBL, d(0x1p63), RNE));
        flags(0);
        assertEquals(16777218, toInt(0, SGL, 0xffff_ffff_4b80_0001L, RNE), "the single after 2^24 is 2^24 + 2");
    }

    @Test
    void convertFromInt_rounds() {
        assertEquals(s(16777216f), fromInt(0, SGL, 16777217, RNE));
        flags(NX);
        assertEquals(0xffff_ffff_4b80_0001L, fromInt(0, SGL, 16777217, RUP));
        assertEquals(d(0x1p64), fromInt(3, DBL, -1, RNE), "lu of 2^64-1");
        flags(NX);
        assertEquals(d(-0x1p63), fromInt(2, DBL, Long.MIN_VALUE, RNE));
        flags(0);
        assertEquals(d(4294967295.0), fromInt(1, DBL, -1, RNE), "wu takes the low word, unsigned");
        assertEquals(d(-1), fromInt(0, DBL, 0xffff_ffffL, RNE), "w takes the low word, signed");
        assertEquals(d(0), fromInt(2, DBL, 0, RDN), "zero is +0 in every mode");
    }

    @Test
    void convertBetweenFormats() {
        assertEquals(s(0.1f), f(fcvt_ff(0, 4, 1, RNE), d(0.1), 0));
        flags(NX);
        assertEquals(0xffff_ffff_3dcc_ccccL, f(fcvt_ff(0, 4, 1, RTZ), d(0.1), 0));
        assertEquals(0xffff_ffff_7f80_0000L, f(fcvt_ff(0, 4, 1, RNE), MAX_D, 0));
        flags(OF | NX);
        assertEquals(QNAN_S, f(fcvt_ff(0, 4, 1, RNE), SNAN_D, 0));
        flags(NV);
        assertEquals(d(0.1f), f(fcvt_ff(1, 4, 1, RNE), s(0.1f), 0));
        flags(0);
        assertEquals(QNAN_D, f(fcvt_ff(1, 4, 1, RNE), 0xffff_ffff_ffc0_0001L, 0), "a NaN becomes canonical");
        flags(0);
    }

    @Test
    void nanBoxing_unboxedSinglesReadAsCanonicalNan() {
        long unboxed = 0x0000_0000_3f80_0000L;
        assertEquals(QNAN_S, f(fadd(SGL, 4, 1, 2, RNE), unboxed, s(1)));
        flags(0);
        assertEquals(0xffff_ffff_7fc0_0000L, f(fsgnj(0, SGL, 4, 1, 2), unboxed, s(1)), "sign from a boxed 1.0");
        assertEquals(0xffff_ffff_ffc0_0000L, f(fsgnj(1, SGL, 4, 1, 2), unboxed, s(1)));
        f(fmv_x(SGL, 7, 1), 0x1234_5678_8000_0001L, 0);
        assertEquals(0xffff_ffff_8000_0001L, h.x[7], "fmv.x.w: the low word, sign-extended, unchecked");
        h.x[5] = 0x1234_5678_3f80_0000L;
        assertEquals(s(1), f(fmv_f(SGL, 4, 5), 0, 0), "fmv.w.x boxes");
        h.poke32(HartHarness.DATA, Float.floatToRawIntBits(2.5f));
        h.x[5] = HartHarness.DATA;
        h.exec(fload(false, 6, 5, 0));
        assertEquals(s(2.5f), h.f[6], "flw boxes");
    }

    @Test
    void signInjection_double() {
        assertEquals(d(-2), f(fsgnj(0, DBL, 4, 1, 2), d(2), d(-0.0)));
        assertEquals(d(2), f(fsgnj(1, DBL, 4, 1, 2), d(2), d(-0.0)));
        assertEquals(d(2), f(fsgnj(2, DBL, 4, 1, 2), d(-2), d(-1)));
        assertEquals(SNAN_D | Long.MIN_VALUE, f(fsgnj(1, DBL, 4, 1, 2), SNAN_D, SNAN_D), "fneg keeps NaN payloads");
        flags(0);
    }

    @Test
    void minMax_nansAndSignedZeros() {
        assertEquals(d(1), f(fmin(DBL, 4, 1, 2), QNAN_D, d(1)));
        flags(0);
        assertEquals(d(1), f(fmax(DBL, 4, 1, 2), d(1), SNAN_D));
        flags(NV);
        assertEquals(QNAN_D, f(fmin(DBL, 4, 1, 2), 0x7ff8_0000_0000_0005L, SNAN_D));
        flags(NV);
        assertEquals(d(-0.0), f(fmin(DBL, 4, 1, 2), d(0), d(-0.0)));
        assertEquals(d(-0.0), f(fmin(DBL, 4, 1, 2), d(-0.0), d(0)));
        assertEquals(d(0), f(fmax(DBL, 4, 1, 2), d(-0.0), d(0)));
        assertEquals(d(0), f(fmax(DBL, 4, 1, 2), d(0), d(-0.0)));
        assertEquals(s(-3), f(fmin(SGL, 4, 1, 2), s(-3), s(2)));
        assertEquals(QNAN_S, f(fmax(SGL, 4, 1, 2), 0x7fc0_0000L, 0x1L), "both unboxed: canonical");
    }

    @Test
    void compare_quietAndSignalling() {
        f(fcmp(2, DBL, 7, 1, 2), QNAN_D, d(1));
        assertEquals(0, h.x[7]);
        flags(0);
        f(fcmp(2, DBL, 7, 1, 2), SNAN_D, d(1));
        flags(NV);
        f(fcmp(1, DBL, 7, 1, 2), QNAN_D, d(1));
        assertEquals(0, h.x[7]);
        flags(NV);
        f(fcmp(0, DBL, 7, 1, 2), d(-0.0), d(0));
        assertEquals(1, h.x[7], "fle -0 +0");
        f(fcmp(2, DBL, 7, 1, 2), d(-0.0), d(0));
        assertEquals(1, h.x[7], "feq -0 +0");
        f(fcmp(1, SGL, 7, 1, 2), s(-1), s(1));
        assertEquals(1, h.x[7]);
        flags(0);
    }

    @Test
    void fclass_oneBitPerClass() {
        long[] values = {INF_D | Long.MIN_VALUE, d(-1), d(-Double.MIN_VALUE), d(-0.0), d(0), d(Double.MIN_VALUE), d(1),
            INF_D, SNAN_D, QNAN_D};
        for (int i = 0; i < values.length; i++) {
            f(fclass(DBL, 7, 1), values[i], 0);
            assertEquals(1L << i, h.x[7], "class " + i);
        }
        f(fclass(SGL, 7, 1), 0x3f80_0000L, 0);
        assertEquals(1 << 9, h.x[7], "an unboxed single is the canonical (quiet) NaN");
    }

    @Test
    void dynamicRoundingMode_fromFrm_andInvalidFrmIsIllegal() {
        h.x[5] = RUP;
        h.exec(csr(1, 0, Csrs.FRM, 5));
        assertEquals(0x3fd5_5555_5555_5556L, f(fdiv(DBL, 4, 1, 2, DYN), d(1), d(3)));
        h.hart.fpu().frm = 5;
        h.f[1] = d(1);
        h.code(fadd(DBL, 4, 1, 1, DYN));
        assertEquals(Hart.CAUSE_ILLEGAL_INSTRUCTION, h.run());
        h.code(fsgnj(0, DBL, 4, 1, 1));
        assertEquals(Hart.CAUSE_USER_ECALL, h.run(), "sign injection does not round");
        h.code(fadd(DBL, 4, 1, 1, 5));
        assertEquals(Hart.CAUSE_ILLEGAL_INSTRUCTION, h.run(), "rm 5 is reserved");
    }
}
