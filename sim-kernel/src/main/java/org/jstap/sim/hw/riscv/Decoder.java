package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.Insn.*;

/**
 * RV64GC instruction decoding into {@link Insn}'s packed form: the base 32-bit encodings (I, M,
 * A, F, D, Zicsr, Zifencei) and every RV64 compressed form, expanded to the base operation it
 * stands for (so the hart executes one kind of ADDI whether it came as addi, c.addi, c.li,
 * c.mv's sibling c.addi16sp or c.addi4spn). Reserved encodings and reserved rounding modes
 * decode to {@link Insn#ILLEGAL}.
 *
 * <pre>{@code
 * long d = Decoder.decode16(0x4505);              // c.li a0, 1
 * // Insn.op(d) == Insn.ADDI, rd 10, rs1 0, imm 1, length 2
 * }</pre>
 */
public final class Decoder {
    private Decoder() {
    }

    private static final long ILL = Insn.pack(ILLEGAL, 0, 0, 0, 0, 0, true, 0);
    private static final long ILL16 = Insn.pack(ILLEGAL, 0, 0, 0, 0, 0, false, 0);

    /** Whether a halfword starts a 32-bit instruction (rather than a compressed one). */
    public static boolean is32(int lowHalf) {
        return (lowHalf & 3) == 3;
    }

    private static long r(int op, int insn) {
        return Insn.pack(op, (insn >>> 7) & 31, (insn >>> 15) & 31, (insn >>> 20) & 31, insn >>> 27,
                (insn >>> 12) & 7, true, 0);
    }

    private static long i(int op, int insn, int imm) {
        return Insn.pack(op, (insn >>> 7) & 31, (insn >>> 15) & 31, (insn >>> 20) & 31, 0, 0, true, imm);
    }

    /** Decodes a 32-bit instruction. */
    public static long decode32(int insn) {
        return no_x0_writes(decode32_raw(insn));
    }

    /**
     * The same instruction, rewritten so that it does not write x0: the interpreter relies on
     * x0 never being a destination of the operations it executes in line.
     */
    static long no_x0_writes(long d) {
        if (Insn.rd(d) != 0) {
            return d;
        }
        int op = Insn.op(d);
        if ((op >= LUI && op <= AUIPC) || (op >= ADDI && op <= SRAW) || op == MUL || op == MULW || op == DIVU
                || op == REMU) {
            return Insn.pack(NOP, 0, 0, 0, 0, 0, Insn.length(d) == 4, 0);
        }
        if (op == JAL) {
            return (d & ~0xffL) | J;
        }
        if (op == JALR) {
            return (d & ~0xffL) | JR;
        }
        if (op >= LB && op <= LWU) {
            return (d & ~(0xffL | 31L << 23)) | LOAD_X0 | (long) op << 23;
        }
        return d;
    }

    private static long decode32_raw(int insn) {
        int opcode = insn & 0x7f;
        int f3 = (insn >>> 12) & 7;
        int f7 = insn >>> 25;
        int immI = insn >> 20;
        int immS = (insn >> 25) << 5 | (insn >>> 7) & 31;
        return switch (opcode) {
            case 0x37 -> i(LUI, insn, insn & 0xffff_f000);
            case 0x17 -> i(AUIPC, insn, insn & 0xffff_f000);
            case 0x6f -> i(JAL, insn, (insn >> 31) << 20 | ((insn >>> 12) & 0xff) << 12 | ((insn >>> 20) & 1) << 11
                    | ((insn >>> 21) & 0x3ff) << 1);
            case 0x67 -> f3 == 0 ? i(JALR, insn, immI) : ILL;
            case 0x63 -> branch(insn, f3);
            case 0x03 -> switch (f3) {
                case 0 -> i(LB, insn, immI);
                case 1 -> i(LH, insn, immI);
                case 2 -> i(LW, insn, immI);
                case 3 -> i(LD, insn, immI);
                case 4 -> i(LBU, insn, immI);
                case 5 -> i(LHU, insn, immI);
                case 6 -> i(LWU, insn, immI);
                default -> ILL;
            };
            case 0x23 -> switch (f3) {
                case 0 -> i(SB, insn, immS);
                case 1 -> i(SH, insn, immS);
                case 2 -> i(SW, insn, immS);
                case 3 -> i(SD, insn, immS);
                default -> ILL;
            };
            case 0x13 -> opImm(insn, f3, immI);
            case 0x1b -> opImm32(insn, f3, immI);
            case 0x33 -> op(insn, f3, f7);
            case 0x3b -> op32(insn, f3, f7);
            case 0x0f -> f3 == 0 ? i(FENCE, insn, 0) : f3 == 1 ? i(FENCE_I, insn, 0) : ILL;
            case 0x73 -> system(insn, f3);
            case 0x2f -> amo(insn, f3);
            case 0x07 -> f3 == 2 ? i(FLW, insn, immI) : f3 == 3 ? i(FLD, insn, immI) : ILL;
            case 0x27 -> f3 == 2 ? i(FSW, insn, immS) : f3 == 3 ? i(FSD, insn, immS) : ILL;
            case 0x43, 0x47, 0x4b, 0x4f -> fma(insn, opcode, f7 & 3, f3);
            case 0x53 -> opFp(insn, f3, f7);
            default -> ILL;
        };
    }

    private static long branch(int insn, int f3) {
        int imm = (insn >> 31) << 12 | ((insn >>> 7) & 1) << 11 | ((insn >>> 25) & 0x3f) << 5 | ((insn >>> 8) & 0xf) << 1;
        int op = switch (f3) {
            case 0 -> BEQ;
            case 1 -> BNE;
            case 4 -> BLT;
            case 5 -> BGE;
            case 6 -> BLTU;
            case 7 -> BGEU;
            default -> ILLEGAL;
        };
        return op == ILLEGAL ? ILL : i(op, insn, imm);
    }

    private static long opImm(int insn, int f3, int immI) {
        int shamt = (insn >>> 20) & 63;
        int f6 = insn >>> 26;
        return switch (f3) {
            case 0 -> i(ADDI, insn, immI);
            case 2 -> i(SLTI, insn, immI);
            case 3 -> i(SLTIU, insn, immI);
            case 4 -> i(XORI, insn, immI);
            case 6 -> i(ORI, insn, immI);
            case 7 -> i(ANDI, insn, immI);
            case 1 -> f6 == 0 ? i(SLLI, insn, shamt) : ILL;
            default -> f6 == 0 ? i(SRLI, insn, shamt) : f6 == 0x10 ? i(SRAI, insn, shamt) : ILL;
        };
    }

    private static long opImm32(int insn, int f3, int immI) {
        int shamt = (insn >>> 20) & 31;
        int f7 = insn >>> 25;
        return switch (f3) {
            case 0 -> i(ADDIW, insn, immI);
            case 1 -> f7 == 0 ? i(SLLIW, insn, shamt) : ILL;
            case 5 -> f7 == 0 ? i(SRLIW, insn, shamt) : f7 == 0x20 ? i(SRAIW, insn, shamt) : ILL;
            default -> ILL;
        };
    }

    private static long op(int insn, int f3, int f7) {
        int op = switch (f7) {
            case 0 -> switch (f3) {
                case 0 -> ADD;
                case 1 -> SLL;
                case 2 -> SLT;
                case 3 -> SLTU;
                case 4 -> XOR;
                case 5 -> SRL;
                case 6 -> OR;
                default -> AND;
            };
            case 0x20 -> f3 == 0 ? SUB : f3 == 5 ? SRA : ILLEGAL;
            case 1 -> switch (f3) {
                case 0 -> MUL;
                case 1 -> MULH;
                case 2 -> MULHSU;
                case 3 -> MULHU;
                case 4 -> DIV;
                case 5 -> DIVU;
                case 6 -> REM;
                default -> REMU;
            };
            default -> ILLEGAL;
        };
        return op == ILLEGAL ? ILL : i(op, insn, 0);
    }

    private static long op32(int insn, int f3, int f7) {
        int op = switch (f7) {
            case 0 -> f3 == 0 ? ADDW : f3 == 1 ? SLLW : f3 == 5 ? SRLW : ILLEGAL;
            case 0x20 -> f3 == 0 ? SUBW : f3 == 5 ? SRAW : ILLEGAL;
            case 1 -> switch (f3) {
                case 0 -> MULW;
                case 4 -> DIVW;
                case 5 -> DIVUW;
                case 6 -> REMW;
                case 7 -> REMUW;
                default -> ILLEGAL;
            };
            default -> ILLEGAL;
        };
        return op == ILLEGAL ? ILL : i(op, insn, 0);
    }

    private static long system(int insn, int f3) {
        int csr = insn >>> 20;
        return switch (f3) {
            case 0 -> insn == 0x0000_0073 ? i(ECALL, insn, 0) : insn == 0x0010_0073 ? i(EBREAK, insn, 0) : ILL;
            case 1 -> i(CSRRW, insn, csr);
            case 2 -> i(CSRRS, insn, csr);
            case 3 -> i(CSRRC, insn, csr);
            case 5 -> i(CSRRWI, insn, csr);
            case 6 -> i(CSRRSI, insn, csr);
            case 7 -> i(CSRRCI, insn, csr);
            default -> ILL;
        };
    }

    private static long amo(int insn, int f3) {
        int f5 = insn >>> 27;
        int rs2 = (insn >>> 20) & 31;
        boolean known = switch (f5) {
            case Amo.LR -> rs2 == 0;
            case Amo.SC, Amo.SWAP, Amo.ADD, Amo.XOR, Amo.AND, Amo.OR, Amo.MIN, Amo.MAX, Amo.MINU, Amo.MAXU -> true;
            default -> false;
        };
        if (!known || (f3 != 2 && f3 != 3)) {
            return ILL;
        }
        return r(f3 == 2 ? AMO_W : AMO_D, insn);
    }

    /** A rounding mode field: 5 and 6 are reserved. */
    private static boolean validRm(int rm) {
        return rm != 5 && rm != 6;
    }

    private static long fma(int insn, int opcode, int fmt, int rm) {
        if (fmt > 1 || !validRm(rm)) {
            return ILL;
        }
        int base = fmt == 0 ? FMADD_S : FMADD_D;
        return r(base + ((opcode - 0x43) >>> 2), insn);
    }

    private static long opFp(int insn, int f3, int f7) {
        int rs2 = (insn >>> 20) & 31;
        int op = switch (f7) {
            case 0x00 -> FADD_S;
            case 0x01 -> FADD_D;
            case 0x04 -> FSUB_S;
            case 0x05 -> FSUB_D;
            case 0x08 -> FMUL_S;
            case 0x09 -> FMUL_D;
            case 0x0c -> FDIV_S;
            case 0x0d -> FDIV_D;
            case 0x2c -> rs2 == 0 ? FSQRT_S : ILLEGAL;
            case 0x2d -> rs2 == 0 ? FSQRT_D : ILLEGAL;
            case 0x20 -> rs2 == 1 ? FCVT_S_D : ILLEGAL;
            case 0x21 -> rs2 == 0 ? FCVT_D_S : ILLEGAL;
            case 0x60 -> rs2 < 4 ? FCVT_X_S : ILLEGAL;
            case 0x61 -> rs2 < 4 ? FCVT_X_D : ILLEGAL;
            case 0x68 -> rs2 < 4 ? FCVT_S_X : ILLEGAL;
            case 0x69 -> rs2 < 4 ? FCVT_D_X : ILLEGAL;
            default -> 0;
        };
        if (op == ILLEGAL) {
            return ILL;
        }
        if (op != 0) {
            // these round: the rm field must name a mode (or dyn)
            return validRm(f3) ? r(op, insn) : ILL;
        }
        // the rest use funct3 to choose the operation
        op = switch (f7) {
            case 0x10 -> f3 < 3 ? FSGNJ_S + f3 : ILLEGAL;
            case 0x11 -> f3 < 3 ? FSGNJ_D + f3 : ILLEGAL;
            case 0x14 -> f3 == 0 ? FMIN_S : f3 == 1 ? FMAX_S : ILLEGAL;
            case 0x15 -> f3 == 0 ? FMIN_D : f3 == 1 ? FMAX_D : ILLEGAL;
            case 0x50 -> f3 == 2 ? FEQ_S : f3 == 1 ? FLT_S : f3 == 0 ? FLE_S : ILLEGAL;
            case 0x51 -> f3 == 2 ? FEQ_D : f3 == 1 ? FLT_D : f3 == 0 ? FLE_D : ILLEGAL;
            case 0x70 -> rs2 != 0 ? ILLEGAL : f3 == 0 ? FMV_X_W : f3 == 1 ? FCLASS_S : ILLEGAL;
            case 0x71 -> rs2 != 0 ? ILLEGAL : f3 == 0 ? FMV_X_D : f3 == 1 ? FCLASS_D : ILLEGAL;
            case 0x78 -> rs2 == 0 && f3 == 0 ? FMV_W_X : ILLEGAL;
            case 0x79 -> rs2 == 0 && f3 == 0 ? FMV_D_X : ILLEGAL;
            default -> ILLEGAL;
        };
        return op == ILLEGAL ? ILL : r(op, insn);
    }

    // ---------------------------------------------------------------- RV64C

    private static long c(int op, int rd, int rs1, int rs2, int imm) {
        return Insn.pack(op, rd, rs1, rs2, 0, 0, false, imm);
    }

    /** Sign-extends the low {@code bits} bits. */
    private static int sext(int v, int bits) {
        return v << (32 - bits) >> (32 - bits);
    }

    /** Decodes a 16-bit (compressed) instruction to the operation it expands to. */
    public static long decode16(int h) {
        return no_x0_writes(decode16_raw(h));
    }

    private static long decode16_raw(int h) {
        int f3 = (h >>> 13) & 7;
        int rdFull = (h >>> 7) & 31;
        int rs2Full = (h >>> 2) & 31;
        int rdP = 8 + ((h >>> 2) & 7);
        int rs1P = 8 + ((h >>> 7) & 7);
        int imm6 = sext(((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f), 6);
        int uimmD = ((h >>> 7) & 0x38) | ((h << 1) & 0xc0);
        int uimmW = ((h >>> 7) & 0x38) | ((h >>> 4) & 4) | ((h << 1) & 0x40);
        switch (h & 3) {
            case 0 -> {
                return switch (f3) {
                    case 0 -> {
                        int imm = ((h >>> 7) & 0x30) | ((h >>> 1) & 0x3c0) | ((h >>> 4) & 4) | ((h >>> 2) & 8);
                        yield imm == 0 ? ILL16 : c(ADDI, rdP, 2, 0, imm);
                    }
                    case 1 -> c(FLD, rdP, rs1P, 0, uimmD);
                    case 2 -> c(LW, rdP, rs1P, 0, uimmW);
                    case 3 -> c(LD, rdP, rs1P, 0, uimmD);
                    case 5 -> c(FSD, 0, rs1P, rdP, uimmD);
                    case 6 -> c(SW, 0, rs1P, rdP, uimmW);
                    case 7 -> c(SD, 0, rs1P, rdP, uimmD);
                    default -> ILL16;
                };
            }
            case 1 -> {
                return switch (f3) {
                    case 0 -> c(ADDI, rdFull, rdFull, 0, imm6);
                    case 1 -> rdFull == 0 ? ILL16 : c(ADDIW, rdFull, rdFull, 0, imm6);
                    case 2 -> c(ADDI, rdFull, 0, 0, imm6);
                    case 3 -> {
                        if (rdFull == 2) {
                            int imm = sext(((h >>> 3) & 0x200) | ((h >>> 2) & 0x10) | ((h << 1) & 0x40)
                                    | ((h << 4) & 0x180) | ((h << 3) & 0x20), 10);
                            yield imm == 0 ? ILL16 : c(ADDI, 2, 2, 0, imm);
                        }
                        yield imm6 == 0 ? ILL16 : c(LUI, rdFull, 0, 0, imm6 << 12);
                    }
                    case 4 -> arith16(h, rs1P, imm6);
                    case 5 -> c(JAL, 0, 0, 0, sext(((h >>> 1) & 0x800) | ((h >>> 7) & 0x10) | ((h >>> 1) & 0x300)
                            | ((h << 2) & 0x400) | ((h >>> 1) & 0x40) | ((h << 1) & 0x80) | ((h >>> 2) & 0xe)
                            | ((h << 3) & 0x20), 12));
                    default -> {
                        int off = sext(((h >>> 4) & 0x100) | ((h >>> 7) & 0x18) | ((h << 1) & 0xc0) | ((h >>> 2) & 6)
                                | ((h << 3) & 0x20), 9);
                        yield c(f3 == 6 ? BEQ : BNE, 0, rs1P, 0, off);
                    }
                };
            }
            case 2 -> {
                int uimmSpD = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x18) | ((h << 4) & 0x1c0);
                int uimmSpW = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1c) | ((h << 4) & 0xc0);
                int shamt = ((h >>> 7) & 0x20) | rs2Full;
                return switch (f3) {
                    case 0 -> c(SLLI, rdFull, rdFull, 0, shamt);
                    case 1 -> c(FLD, rdFull, 2, 0, uimmSpD);
                    case 2 -> rdFull == 0 ? ILL16 : c(LW, rdFull, 2, 0, uimmSpW);
                    case 3 -> rdFull == 0 ? ILL16 : c(LD, rdFull, 2, 0, uimmSpD);
                    case 4 -> {
                        boolean bit12 = (h & 0x1000) != 0;
                        if (!bit12) {
                            if (rs2Full == 0) {
                                yield rdFull == 0 ? ILL16 : c(JALR, 0, rdFull, 0, 0);
                            }
                            yield c(ADD, rdFull, 0, rs2Full, 0);
                        }
                        if (rs2Full == 0) {
                            yield rdFull == 0 ? c(EBREAK, 0, 0, 0, 0) : c(JALR, 1, rdFull, 0, 0);
                        }
                        yield c(ADD, rdFull, rdFull, rs2Full, 0);
                    }
                    case 5 -> c(FSD, 0, 2, rs2Full, ((h >>> 7) & 0x38) | ((h >>> 1) & 0x1c0));
                    case 6 -> c(SW, 0, 2, rs2Full, ((h >>> 7) & 0x3c) | ((h >>> 1) & 0xc0));
                    default -> c(SD, 0, 2, rs2Full, ((h >>> 7) & 0x38) | ((h >>> 1) & 0x1c0));
                };
            }
            default -> {
                return ILL16;
            }
        }
    }

    /** Quadrant 1, funct3 100: shifts, andi and the register-register ALU forms. */
    private static long arith16(int h, int rd, int imm6) {
        int shamt = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f);
        int rs2 = 8 + ((h >>> 2) & 7);
        return switch ((h >>> 10) & 3) {
            case 0 -> c(SRLI, rd, rd, 0, shamt);
            case 1 -> c(SRAI, rd, rd, 0, shamt);
            case 2 -> c(ANDI, rd, rd, 0, imm6);
            default -> {
                int f = (h >>> 5) & 3;
                if ((h & 0x1000) == 0) {
                    yield c(f == 0 ? SUB : f == 1 ? XOR : f == 2 ? OR : AND, rd, rd, rs2, 0);
                }
                yield f == 0 ? c(SUBW, rd, rd, rs2, 0) : f == 1 ? c(ADDW, rd, rd, rs2, 0) : ILL16;
            }
        };
    }
}
