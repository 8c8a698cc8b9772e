package org.jstap.sim.hw.riscv;

/**
 * A decoded instruction, packed in one {@code long} so that the hart's decoded-page cache is a
 * plain {@code long[]} and executing allocates nothing: bits 0-7 the operation, 8-12 rd, 13-17
 * rs1, 18-22 rs2, 23-27 rs3 (or an AMO's funct5), 28-30 the rounding mode, bit 31 set for a
 * 32-bit instruction (clear for a compressed one), bits 32-63 the sign-extended immediate (a
 * CSR's number for Zicsr). Compressed instructions decode to the operation they expand to.
 * Zero means "not decoded yet", so no operation is numbered 0.
 *
 * <pre>{@code
 * long d = Decoder.decode32(0x00a50533);          // add a0, a0, a0
 * assert Insn.op(d) == Insn.ADD && Insn.rd(d) == 10 && Insn.length(d) == 4;
 * }</pre>
 */
public final class Insn {
    private Insn() {
    }

    // RV64I
    public static final int ILLEGAL = 1;
    public static final int LUI = 2;
    public static final int AUIPC = 3;
    public static final int JAL = 4;
    public static final int JALR = 5;
    public static final int BEQ = 6;
    public static final int BNE = 7;
    public static final int BLT = 8;
    public static final int BGE = 9;
    public static final int BLTU = 10;
    public static final int BGEU = 11;
    public static final int LB = 12;
    public static final int LH = 13;
    public static final int LW = 14;
    public static final int LD = 15;
    public static final int LBU = 16;
    public static final int LHU = 17;
    public static final int LWU = 18;
    public static final int SB = 19;
    public static final int SH = 20;
    public static final int SW = 21;
    public static final int SD = 22;
    public static final int ADDI = 23;
    public static final int SLTI = 24;
    public static final int SLTIU = 25;
    public static final int XORI = 26;
    public static final int ORI = 27;
    public static final int ANDI = 28;
    public static final int SLLI = 29;
    public static final int SRLI = 30;
    public static final int SRAI = 31;
    public static final int ADD = 32;
    public static final int SUB = 33;
    public static final int SLL = 34;
    public static final int SLT = 35;
    public static final int SLTU = 36;
    public static final int XOR = 37;
    public static final int SRL = 38;
    public static final int SRA = 39;
    public static final int OR = 40;
    public static final int AND = 41;
    public static final int ADDIW = 42;
    public static final int SLLIW = 43;
    public static final int SRLIW = 44;
    public static final int SRAIW = 45;
    public static final int ADDW = 46;
    public static final int SUBW = 47;
    public static final int SLLW = 48;
    public static final int SRLW = 49;
    public static final int SRAW = 50;
    public static final int FENCE = 51;
    public static final int FENCE_I = 52;
    public static final int ECALL = 53;
    public static final int EBREAK = 54;
    // M
    public static final int MUL = 55;
    public static final int MULH = 56;
    public static final int MULHSU = 57;
    public static final int MULHU = 58;
    public static final int DIV = 59;
    public static final int DIVU = 60;
    public static final int REM = 61;
    public static final int REMU = 62;
    public static final int MULW = 63;
    public static final int DIVW = 64;
    public static final int DIVUW = 65;
    public static final int REMW = 66;
    public static final int REMUW = 67;
    // A: the AMO's funct5 is in the rs3 field
    public static final int AMO_W = 68;
    public static final int AMO_D = 69;
    // Zicsr: the CSR number is the immediate; the *I forms carry their uimm in rs1
    public static final int CSRRW = 70;
    public static final int CSRRS = 71;
    public static final int CSRRC = 72;
    public static final int CSRRWI = 73;
    public static final int CSRRSI = 74;
    public static final int CSRRCI = 75;
    // F and D
    public static final int FLW = 76;
    public static final int FLD = 77;
    public static final int FSW = 78;
    public static final int FSD = 79;
    public static final int FMADD_S = 80;
    public static final int FMSUB_S = 81;
    public static final int FNMSUB_S = 82;
    public static final int FNMADD_S = 83;
    public static final int FMADD_D = 84;
    public static final int FMSUB_D = 85;
    public static final int FNMSUB_D = 86;
    public static final int FNMADD_D = 87;
    public static final int FADD_S = 88;
    public static final int FSUB_S = 89;
    public static final int FMUL_S = 90;
    public static final int FDIV_S = 91;
    public static final int FSQRT_S = 92;
    public static final int FADD_D = 93;
    public static final int FSUB_D = 94;
    public static final int FMUL_D = 95;
    public static final int FDIV_D = 96;
    public static final int FSQRT_D = 97;
    public static final int FSGNJ_S = 98;
    public static final int FSGNJN_S = 99;
    public static final int FSGNJX_S = 100;
    public static final int FSGNJ_D = 101;
    public static final int FSGNJN_D = 102;
    public static final int FSGNJX_D = 103;
    public static final int FMIN_S = 104;
    public static final int FMAX_S = 105;
    public static final int FMIN_D = 106;
    public static final int FMAX_D = 107;
    public static final int FCVT_S_D = 108;
    public static final int FCVT_D_S = 109;
    public static final int FEQ_S = 110;
    public static final int FLT_S = 111;
    public static final int FLE_S = 112;
    public static final int FEQ_D = 113;
    public static final int FLT_D = 114;
    public static final int FLE_D = 115;
    public static final int FCLASS_S = 116;
    public static final int FCLASS_D = 117;
    /** fcvt.{w,wu,l,lu}.s: which in the rs2 field (0-3). */
    public static final int FCVT_X_S = 118;
    public static final int FCVT_X_D = 119;
    /** fcvt.s.{w,wu,l,lu}: which in the rs2 field. */
    public static final int FCVT_S_X = 120;
    public static final int FCVT_D_X = 121;
    public static final int FMV_X_W = 122;
    public static final int FMV_W_X = 123;
    public static final int FMV_X_D = 124;
    public static final int FMV_D_X = 125;
    // what writes to x0 decode to, so the interpreter never has to clear x0 after an instruction
    /** An instruction with no effect but its own retirement (an ALU op or lui/auipc writing x0). */
    public static final int NOP = 126;
    /** jal x0: a jump that links nothing. */
    public static final int J = 127;
    /** jalr x0: an indirect jump that links nothing. */
    public static final int JR = 128;
    /** A load into x0: it still faults like the load it is, whose operation is in the rs3 field. */
    public static final int LOAD_X0 = 129;

    /** The dynamic rounding mode: the instruction's rm field says "use frm". */
    public static final int RM_DYN = 7;

    public static long pack(int op, int rd, int rs1, int rs2, int rs3, int rm, boolean wide, int imm) {
        long low = op | rd << 8 | rs1 << 13 | rs2 << 18 | rs3 << 23 | rm << 28 | (wide ? 1 << 31 : 0);
        return (low & 0xffff_ffffL) | (long) imm << 32;
    }

    public static int op(long d) {
        return (int) d & 0xff;
    }

    public static int rd(long d) {
        return (int) (d >>> 8) & 31;
    }

    public static int rs1(long d) {
        return (int) (d >>> 13) & 31;
    }

    public static int rs2(long d) {
        return (int) (d >>> 18) & 31;
    }

    public static int rs3(long d) {
        return (int) (d >>> 23) & 31;
    }

    public static int rm(long d) {
        return (int) (d >>> 28) & 7;
    }

    /** 4 for a 32-bit instruction, 2 for a compressed one. */
    public static int length(long d) {
        return 2 + ((int) (d >>> 30) & 2);
    }

    public static int imm(long d) {
        return (int) (d >>> 32);
    }
}
