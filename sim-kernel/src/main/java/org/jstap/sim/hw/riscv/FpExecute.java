package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.SoftFloat.D;
import static org.jstap.sim.hw.riscv.SoftFloat.S;

/**
 * Executes the F and D instructions other than loads and stores on a hart's registers: the
 * rounding mode is resolved first (dyn with an invalid frm is an illegal instruction), then the
 * {@link Fpu} does the arithmetic. Kept apart from {@link Hart#run} so the interpreter's main
 * loop stays small enough for the JIT to compile as one unit.
 *
 * <pre>{@code
 * int cause = FpExecute.execute(fpu, decoded, x, f);   // 0, or CAUSE_ILLEGAL_INSTRUCTION
 * }</pre>
 */
final class FpExecute {
    private FpExecute() {
    }

    static int execute(Fpu fpu, long d, long[] x, long[] f) {
        int op = Insn.op(d);
        int rd = Insn.rd(d);
        int rs1 = Insn.rs1(d);
        int rs2 = Insn.rs2(d);
        int rm = fpu.rounding(Insn.rm(d));
        long a = f[rs1];
        long b = f[rs2];
        switch (op) {
            // funct3 selects these: no rounding mode
            case Insn.FSGNJ_S, Insn.FSGNJN_S, Insn.FSGNJX_S -> f[rd] = fpu.sgnj(S, op - Insn.FSGNJ_S, a, b);
            case Insn.FSGNJ_D, Insn.FSGNJN_D, Insn.FSGNJX_D -> f[rd] = fpu.sgnj(D, op - Insn.FSGNJ_D, a, b);
            case Insn.FMIN_S, Insn.FMAX_S -> f[rd] = fpu.min_max(S, a, b, op == Insn.FMAX_S);
            case Insn.FMIN_D, Insn.FMAX_D -> f[rd] = fpu.min_max(D, a, b, op == Insn.FMAX_D);
            case Insn.FEQ_S -> x[rd] = fpu.compare(S, a, b, 0);
            case Insn.FLT_S -> x[rd] = fpu.compare(S, a, b, 1);
            case Insn.FLE_S -> x[rd] = fpu.compare(S, a, b, 2);
            case Insn.FEQ_D -> x[rd] = fpu.compare(D, a, b, 0);
            case Insn.FLT_D -> x[rd] = fpu.compare(D, a, b, 1);
            case Insn.FLE_D -> x[rd] = fpu.compare(D, a, b, 2);
            case Insn.FCLASS_S -> x[rd] = fpu.fclass(S, a);
            case Insn.FCLASS_D -> x[rd] = fpu.fclass(D, a);
            case Insn.FMV_X_W -> x[rd] = (int) a;
            case Insn.FMV_X_D -> x[rd] = a;
            case Insn.FMV_W_X -> f[rd] = Fpu.box(x[rs1]);
            case Insn.FMV_D_X -> f[rd] = x[rs1];
            default -> {
                if (rm < 0) {
                    return Hart.CAUSE_ILLEGAL_INSTRUCTION;
                }
                rounded(fpu, op, rd, rs1, rs2, Insn.rs3(d), rm, x, f);
            }
        }
        return 0;
    }

    private static void rounded(Fpu fpu, int op, int rd, int rs1, int rs2, int rs3, int rm, long[] x, long[] f) {
        long a = f[rs1];
        long b = f[rs2];
        switch (op) {
            case Insn.FADD_S -> f[rd] = fpu.add(S, a, b, rm);
            case Insn.FSUB_S -> f[rd] = fpu.sub(S, a, b, rm);
            case Insn.FMUL_S -> f[rd] = fpu.mul(S, a, b, rm);
            case Insn.FDIV_S -> f[rd] = fpu.div(S, a, b, rm);
            case Insn.FSQRT_S -> f[rd] = fpu.sqrt(S, a, rm);
            case Insn.FADD_D -> f[rd] = fpu.add(D, a, b, rm);
            case Insn.FSUB_D -> f[rd] = fpu.sub(D, a, b, rm);
            case Insn.FMUL_D -> f[rd] = fpu.mul(D, a, b, rm);
            case Insn.FDIV_D -> f[rd] = fpu.div(D, a, b, rm);
            case Insn.FSQRT_D -> f[rd] = fpu.sqrt(D, a, rm);
            case Insn.FMADD_S, Insn.FMSUB_S, Insn.FNMSUB_S, Insn.FNMADD_S ->
                    f[rd] = fpu.fma(S, op - Insn.FMADD_S, a, b, f[rs3], rm);
            case Insn.FMADD_D, Insn.FMSUB_D, Insn.FNMSUB_D, Insn.FNMADD_D ->
                    f[rd] = fpu.fma(D, op - Insn.FMADD_D, a, b, f[rs3], rm);
            case Insn.FCVT_S_D -> f[rd] = fpu.convert(S, a, rm);
            case Insn.FCVT_D_S -> f[rd] = fpu.convert(D, a, rm);
            case Insn.FCVT_X_S -> x[rd] = fpu.to_int(S, a, rs2, rm);
            case Insn.FCVT_X_D -> x[rd] = fpu.to_int(D, a, rs2, rm);
            case Insn.FCVT_S_X -> f[rd] = fpu.from_int(S, x[rs1], rs2, rm);
            case Insn.FCVT_D_X -> f[rd] = fpu.from_int(D, x[rs1], rs2, rm);
            default -> throw new IllegalStateException("not an F/D operation: " + op);
        }
    }
}
