package org.jstap.sim.hw.riscv;

/**
 * An RV64GC encoder for tests: each method returns one instruction's bits, written from the
 * encoding tables of the RISC-V unprivileged specification (not from the decoder), so tests and
 * the differential property can build programs without a toolchain.
 */
final class Asm {
    private Asm() {
    }

    // ---------------------------------------------------------------- formats

    static int r(int f7, int rs2, int rs1, int f3, int rd, int opcode) {
        return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode;
    }

    static int i(int imm, int rs1, int f3, int rd, int opcode) {
        return (imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode;
    }

    static int s(int imm, int rs2, int rs1, int f3, int opcode) {
        return ((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 31) << 7 | opcode;
    }

    static int b(int imm, int rs2, int rs1, int f3) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
                | ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    static int u(int imm, int rd, int opcode) {
        return (imm & 0xfffff000) | rd << 7 | opcode;
    }

    static int j(int imm, int rd) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3ff) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xff) << 12 | rd << 7 | 0x6f;
    }

    static int r4(int rs3, int fmt, int rs2, int rs1, int rm, int rd, int opcode) {
        return rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | opcode;
    }

    // ---------------------------------------------------------------- RV64I

    static int lui(int rd, int imm) {
        return u(imm, rd, 0x37);
    }

    static int auipc(int rd, int imm) {
        return u(imm, rd, 0x17);
    }

    static int jal(int rd, int off) {
        return j(off, rd);
    }

    static int jalr(int rd, int rs1, int off) {
        return i(off, rs1, 0, rd, 0x67);
    }

    static int beq(int rs1, int rs2, int off) {
        return b(off, rs2, rs1, 0);
    }

    static int bne(int rs1, int rs2, int off) {
        return b(off, rs2, rs1, 1);
    }

    static int blt(int rs1, int rs2, int off) {
        return b(off, rs2, rs1, 4);
    }

    static int bge(int rs1, int rs2, int off) {
        return b(off, rs2, rs1, 5);
    }

    static int bltu(int rs1, int rs2, int off) {
        return b(off, rs2, rs1, 6);
    }

    static int bgeu(int rs1, int rs2, int off) {
        return b(off, rs2, rs1, 7);
    }

    /** Loads: f3 0 lb, 1 lh, 2 lw, 3 ld, 4 lbu, 5 lhu, 6 lwu. */
    static int load(int f3, int rd, int rs1, int off) {
        return i(off, rs1, f3, rd, 0x03);
    }

    static int ld(int rd, int rs1, int off) {
        return load(3, rd, rs1, off);
    }

    /** Stores: f3 0 sb, 1 sh, 2 sw, 3 sd. */
    static int store(int f3, int rs2, int rs1, int off) {
        return s(off, rs2, rs1, f3, 0x23);
    }

    static int sd(int rs2, int rs1, int off) {
        return store(3, rs2, rs1, off);
    }

    /** OP-IMM: f3 0 addi, 2 slti, 3 sltiu, 4 xori, 6 ori, 7 andi. */
    static int opimm(int f3, int rd, int rs1, int imm) {
        return i(imm, rs1, f3, rd, 0x13);
    }

    static int addi(int rd, int rs1, int imm) {
        return opimm(0, rd, rs1, imm);
    }

    static int slli(int rd, int rs1, int sh) {
        return i(sh, rs1, 1, rd, 0x13);
    }

    static int srli(int rd, int rs1, int sh) {
        return i(sh, rs1, 5, rd, 0x13);
    }

    static int srai(int rd, int rs1, int sh) {
        return i(0x400 | sh, rs1, 5, rd, 0x13);
    }

    static int addiw(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x1b);
    }

    static int slliw(int rd, int rs1, int sh) {
        return i(sh, rs1, 1, rd, 0x1b);
    }

    static int srliw(int rd, int rs1, int sh) {
        return i(sh, rs1, 5, rd, 0x1b);
    }

    static int sraiw(int rd, int rs1, int sh) {
        return i(0x400 | sh, rs1, 5, rd, 0x1b);
    }

    /** OP (f7, f3): add 0/0, sub 0x20/0, sll 0/1, slt 0/2, sltu 0/3, xor 0/4, srl 0/5, sra 0x20/5, or 0/6, and 0/7; M: f7 1. */
    static int op(int f7, int f3, int rd, int rs1, int rs2) {
        return r(f7, rs2, rs1, f3, rd, 0x33);
    }

    static int op32(int f7, int f3, int rd, int rs1, int rs2) {
        return r(f7, rs2, rs1, f3, rd, 0x3b);
    }

    static int add(int rd, int rs1, int rs2) {
        return op(0, 0, rd, rs1, rs2);
    }

    static int ecall() {
        return 0x73;
    }

    static int ebreak() {
        return 0x0010_0073;
    }

    static int fence_i() {
        return 0x0000_100f;
    }

    /** Zicsr: f3 1 csrrw, 2 csrrs, 3 csrrc, 5 csrrwi, 6 csrrsi, 7 csrrci. */
    static int csr(int f3, int rd, int csr, int rs1OrUimm) {
        return csr << 20 | rs1OrUimm << 15 | f3 << 12 | rd << 7 | 0x73;
    }

    // ---------------------------------------------------------------- A

    static int amo(int f5, boolean wide, int rd, int rs1, int rs2) {
        return r(f5 << 2, rs2, rs1, wide ? 3 : 2, rd, 0x2f);
    }

    // ---------------------------------------------------------------- F and D (fmt 0 single, 1 double)

    static int fload(boolean dbl, int rd, int rs1, int off) {
        return i(off, rs1, dbl ? 3 : 2, rd, 0x07);
    }

    static int fstore(boolean dbl, int rs2, int rs1, int off) {
        return s(off, rs2, rs1, dbl ? 3 : 2, 0x27);
    }

    /** OP-FP with funct7 {@code f5 << 2 | fmt}. */
    static int fp(int f5, int fmt, int rd, int rs1, int rs2, int rm) {
        return r(f5 << 2 | fmt, rs2, rs1, rm, rd, 0x53);
    }

    static int fadd(int fmt, int rd, int rs1, int rs2, int rm) {
        return fp(0x00, fmt, rd, rs1, rs2, rm);
    }

    static int fsub(int fmt, int rd, int rs1, int rs2, int rm) {
        return fp(0x01, fmt, rd, rs1, rs2, rm);
    }

    static int fmul(int fmt, int rd, int rs1, int rs2, int rm) {
        return fp(0x02, fmt, rd, rs1, rs2, rm);
    }

    static int fdiv(int fmt, int rd, int rs1, int rs2, int rm) {
        return fp(0x03, fmt, rd, rs1, rs2, rm);
    }

    static int fsqrt(int fmt, int rd, int rs1, int rm) {
        return fp(0x0b, fmt, rd, rs1, 0, rm);
    }

    /** fsgnj (0), fsgnjn (1), fsgnjx (2). */
    static int fsgnj(int which, int fmt, int rd, int rs1, int rs2) {
        return fp(0x04, fmt, rd, rs1, rs2, which);
    }

    static int fmin(int fmt, int rd, int rs1, int rs2) {
        return fp(0x05, fmt, rd, rs1, rs2, 0);
    }

    static int fmax(int fmt, int rd, int rs1, int rs2) {
        return fp(0x05, fmt, rd, rs1, rs2, 1);
    }

    /** fcvt.s.d (toFmt 0) or fcvt.d.s (toFmt 1). */
    static int fcvt_ff(int toFmt, int rd, int rs1, int rm) {
        return fp(0x08, toFmt, rd, rs1, toFmt == 0 ? 1 : 0, rm);
    }

    /** feq (2), flt (1), fle (0). */
    static int fcmp(int f3, int fmt, int rd, int rs1, int rs2) {
        return fp(0x14, fmt, rd, rs1, rs2, f3);
    }

    /** fcvt.{w,wu,l,lu}.fmt: kind 0-3. */
    static int fcvt_to_int(int kind, int fmt, int rd, int rs1, int rm) {
        return fp(0x18, fmt, rd, rs1, kind, rm);
    }

    /** fcvt.fmt.{w,wu,l,lu}. */
    static int fcvt_from_int(int kind, int fmt, int rd, int rs1, int rm) {
        return fp(0x1a, fmt, rd, rs1, kind, rm);
    }

    static int fmv_x(int fmt, int rd, int rs1) {
        return fp(0x1c, fmt, rd, rs1, 0, 0);
    }

    static int fclass(int fmt, int rd, int rs1) {
        return fp(0x1c, fmt, rd, rs1, 0, 1);
    }

    static int fmv_f(int fmt, int rd, int rs1) {
        return fp(0x1e, fmt, rd, rs1, 0, 0);
    }

    /** fmadd (0), fmsub (1), fnmsub (2), fnmadd (3). */
    static int fma(int which, int fmt, int rd, int rs1, int rs2, int rs3, int rm) {
        return r4(rs3, fmt, rs2, rs1, rm, rd, 0x43 + 4 * which);
    }

    // ---------------------------------------------------------------- RV64C (fields as the specification lays them out)

    /** CI format: funct3, imm[5] at bit 12, rd, imm[4:0] at 6:2, quadrant. */
    static int ci(int f3, int rd, int imm6, int quadrant) {
        return f3 << 13 | ((imm6 >> 5) & 1) << 12 | rd << 7 | (imm6 & 31) << 2 | quadrant;
    }

    static int c_addi(int rd, int imm) {
        return ci(0, rd, imm, 1);
    }

    static int c_addiw(int rd, int imm) {
        return ci(1, rd, imm, 1);
    }

    static int c_li(int rd, int imm) {
        return ci(2, rd, imm, 1);
    }

    /** c.lui: nzimm[17:12]. */
    static int c_lui(int rd, int imm6) {
        return ci(3, rd, imm6, 1);
    }

    static int c_slli(int rd, int shamt) {
        return ci(0, rd, shamt, 2);
    }

    /** c.srli (0), c.srai (1), c.andi (2) on x8-x15. */
    static int c_alui(int which, int rdp, int imm6) {
        return 4 << 13 | ((imm6 >> 5) & 1) << 12 | which << 10 | (rdp - 8) << 7 | (imm6 & 31) << 2 | 1;
    }

    /** c.sub (0), c.xor (1), c.or (2), c.and (3), c.subw (4), c.addw (5) on x8-x15. */
    static int c_alu(int which, int rdp, int rs2p) {
        return 4 << 13 | (which >> 2) << 12 | 3 << 10 | (rdp - 8) << 7 | (which & 3) << 5 | (rs2p - 8) << 2 | 1;
    }

    static int c_mv(int rd, int rs2) {
        return 4 << 13 | rd << 7 | rs2 << 2 | 2;
    }

    static int c_add(int rd, int rs2) {
        return 4 << 13 | 1 << 12 | rd << 7 | rs2 << 2 | 2;
    }

    /** c.lwsp: uimm[5] at 12, uimm[4:2|7:6] at 6:2. */
    static int c_lwsp(int rd, int uimm) {
        return 2 << 13 | ((uimm >> 5) & 1) << 12 | rd << 7 | ((uimm >> 2) & 7) << 4 | ((uimm >> 6) & 3) << 2 | 2;
    }

    /** c.ldsp (f3 3) and c.fldsp (f3 1): uimm[5] at 12, uimm[4:3|8:6] at 6:2. */
    static int c_ldsp(boolean fp, int rd, int uimm) {
        return (fp ? 1 : 3) << 13 | ((uimm >> 5) & 1) << 12 | rd << 7 | ((uimm >> 3) & 3) << 5
                | ((uimm >> 6) & 7) << 2 | 2;
    }

    /** c.swsp: uimm[5:2|7:6] at 12:7. */
    static int c_swsp(int rs2, int uimm) {
        return 6 << 13 | ((uimm >> 2) & 15) << 9 | ((uimm >> 6) & 3) << 7 | rs2 << 2 | 2;
    }

    /** c.sdsp (f3 7) and c.fsdsp (f3 5): uimm[5:3|8:6] at 12:7. */
    static int c_sdsp(boolean fp, int rs2, int uimm) {
        return (fp ? 5 : 7) << 13 | ((uimm >> 3) & 7) << 10 | ((uimm >> 6) & 7) << 7 | rs2 << 2 | 2;
    }
}
