package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RV64I and M, one instruction class at a time, with the values the specification gives. */
class IntegerIsaTest {
    private final HartHarness h = new HartHarness();

    private long calc(int insn, long a, long b) {
        h.x[5] = a;
        h.x[6] = b;
        h.exec(insn);
        return h.x[7];
    }

    @Test
    void alu_registerRegister_matchesSpec() {
        assertEquals(3, calc(add(7, 5, 6), 1, 2));
        assertEquals(-1, calc(op(0x20, 0, 7, 5, 6), 1, 2));
        assertEquals(1L << 63, calc(op(0, 1, 7, 5, 6), 1, 63 + 64), "sll uses the low 6 bits");
        assertEquals(1, calc(op(0, 2, 7, 5, 6), -1, 0), "slt");
        assertEquals(0, calc(op(0, 3, 7, 5, 6), -1, 0), "sltu: -1 is the largest");
        assertEquals(Long.MAX_VALUE, calc(op(0, 5, 7, 5, 6), -1, 1), "srl");
        assertEquals(-1, calc(op(0x20, 5, 7, 5, 6), Long.MIN_VALUE, 63), "sra");
        assertEquals(0b1110, calc(op(0, 6, 7, 5, 6), 0b1100, 0b0110));
        assertEquals(0b0100, calc(op(0, 7, 7, 5, 6), 0b1100, 0b0110));
        assertEquals(0b1010, calc(op(0, 4, 7, 5, 6), 0b1100, 0b0110));
    }

    @Test
    void wordOps_signExtendTheir32BitResults() {
        assertEquals(Integer.MIN_VALUE, calc(op32(0, 0, 7, 5, 6), Integer.MAX_VALUE, 1), "addw wraps");
        assertEquals(-2, calc(op32(0x20, 0, 7, 5, 6), 0x1_0000_0000L, 2), "subw ignores the upper half");
        assertEquals(Integer.MIN_VALUE, calc(op32(0, 1, 7, 5, 6), 1, 31 + 32), "sllw uses 5 bits");
        assertEquals(0x7fff_ffff, calc(op32(0, 5, 7, 5, 6), -1, 1), "srlw");
        assertEquals(-1, calc(op32(0x20, 5, 7, 5, 6), 0x8000_0000L, 31), "sraw");
        h.x[5] = 0xffff_ffffL;
        h.exec(addiw(7, 5, 1), slliw(8, 5, 31), srliw(9, 5, 4), sraiw(10, 5, 4));
        assertEquals(0, h.x[7]);
        assertEquals(Integer.MIN_VALUE, h.x[8]);
        assertEquals(0x0fff_ffff, h.x[9]);
        assertEquals(-1, h.x[10]);
    }

    @Test
    void immediates_areSignExtended() {
        h.exec(addi(5, 0, -1), opimm(3, 6, 5, -1), opimm(2, 7, 5, 0), opimm(4, 8, 5, 0x7ff), opimm(7, 9, 5, 0x0f0),
                opimm(6, 10, 0, -2048), slli(11, 5, 63), srli(12, 5, 60), srai(13, 11, 63));
        assertEquals(-1, h.x[5]);
        assertEquals(0, h.x[6], "sltiu -1 < 0xfff...f is false");
        assertEquals(1, h.x[7]);
        assertEquals(~0x7ffL, h.x[8]);
        assertEquals(0xf0, h.x[9]);
        assertEquals(-2048, h.x[10]);
        assertEquals(Long.MIN_VALUE, h.x[11]);
        assertEquals(0xf, h.x[12]);
        assertEquals(-1, h.x[13]);
    }

    @Test
    void luiAuipc_buildAddresses() {
        h.exec(lui(5, 0x8000_0000), auipc(6, 0x1000), lui(0, 0x1000));
        assertEquals(0xffff_ffff_8000_0000L, h.x[5], "lui sign-extends on RV64");
        assertEquals(HartHarness.TEXT + 4 + 0x1000, h.x[6]);
        assertEquals(0, h.x[0], "x0 stays zero");
    }

    @Test
    void branchesAndJumps_takeTheirTargets() {
        // x5 = count of taken branches
        h.x[6] = -1;
        h.x[7] = 1;
        h.exec(blt(6, 7, 8), ebreak(), addi(5, 5, 1),
                bltu(6, 7, 8), addi(5, 5, 10), bge(7, 6, 8), ebreak(), addi(5, 5, 1),
                bgeu(6, 7, 8), ebreak(), addi(5, 5, 1), beq(6, 6, 8), ebreak(), bne(6, 6, 8), addi(5, 5, 100),
                jal(1, 8), ebreak(), auipc(8, 0), jalr(9, 8, 13), ebreak(), addi(5, 5, 1000));
        assertEquals(1 + 10 + 1 + 1 + 100 + 1000, h.x[5]);
        assertEquals(HartHarness.TEXT + 16 * 4, h.x[1], "jal links the next instruction");
        assertEquals(HartHarness.TEXT + 19 * 4, h.x[9], "jalr links; the target's low bit is cleared");
    }

    @Test
    void loadsStores_extendAndTruncate() {
        long data = HartHarness.DATA;
        h.poke64(data, 0x8182_8384_8586_8788L);
        h.x[5] = data;
        h.exec(load(0, 6, 5, 0), load(4, 7, 5, 0), load(1, 8, 5, 0), load(5, 9, 5, 0), load(2, 10, 5, 0),
                load(6, 11, 5, 0), ld(12, 5, 0), store(0, 12, 5, 8), store(1, 12, 5, 16), store(2, 12, 5, 24),
                sd(12, 5, 32), load(3, 13, 5, 1));
        assertEquals((byte) 0x88, h.x[6]);
        assertEquals(0x88, h.x[7]);
        assertEquals((short) 0x8788, h.x[8]);
        assertEquals(0x8788, h.x[9]);
        assertEquals(0x8586_8788, h.x[10]);
        assertEquals(0x8586_8788L, h.x[11]);
        assertEquals(0x8182_8384_8586_8788L, h.x[12]);
        assertEquals(0x88, h.peek64(data + 8));
        assertEquals(0x8788, h.peek64(data + 16));
        assertEquals(0x8586_8788L, h.peek64(data + 24));
        assertEquals(0x8182_8384_8586_8788L, h.peek64(data + 32));
        assertEquals(0x8881_8283_8485_8687L, h.x[13], "a misaligned load reads the bytes at its address");
    }

    @Test
    void misalignedAccess_acrossPages_readsBothPages() {
        long data = HartHarness.DATA + 0xffc;
        h.x[5] = data;
        h.x[6] = 0x1122_3344_5566_7788L;
        h.exec(sd(6, 5, 0), ld(7, 5, 0));
        assertEquals(0x1122_3344_5566_7788L, h.x[7]);
        assertEquals(0x1122_3344, h.peek32(HartHarness.DATA + 0x1000));
    }

    @Test
    void multiply_highHalvesAndSigns() {
        assertEquals(-2, calc(op(1, 0, 7, 5, 6), -1, 2), "mul");
        assertEquals(-1, calc(op(1, 1, 7, 5, 6), -1, 2), "mulh of -1 * 2");
        assertEquals(1, calc(op(1, 3, 7, 5, 6), -1, 2), "mulhu: (2^64-1)*2 >> 64");
        assertEquals(-1, calc(op(1, 2, 7, 5, 6), -1, 2), "mulhsu: -1 * 2 (unsigned)");
        assertEquals(0, calc(op(1, 2, 7, 5, 6), 1, -1), "mulhsu: 1 * (2^64-1)");
        assertEquals(-4, calc(op32(1, 0, 7, 5, 6), 0x1_0000_0002L, -2), "mulw");
    }

    @Test
    void divide_byZeroAndOverflow_asSpecified() {
        // division by zero: quotient all ones, remainder the dividend
        assertEquals(-1, calc(op(1, 4, 7, 5, 6), 7, 0));
        assertEquals(-1, calc(op(1, 5, 7, 5, 6), 7, 0));
        assertEquals(7, calc(op(1, 6, 7, 5, 6), 7, 0));
        assertEquals(7, calc(op(1, 7, 7, 5, 6), 7, 0));
        // signed overflow: quotient the dividend, remainder zero
        assertEquals(Long.MIN_VALUE, calc(op(1, 4, 7, 5, 6), Long.MIN_VALUE, -1));
        assertEquals(0, calc(op(1, 6, 7, 5, 6), Long.MIN_VALUE, -1));
        assertEquals(-2, calc(op(1, 4, 7, 5, 6), -7, 3), "div truncates toward zero");
        assertEquals(-1, calc(op(1, 6, 7, 5, 6), -7, 3), "rem has the dividend's sign");
        assertEquals(0x5555_5555_5555_5553L, calc(op(1, 5, 7, 5, 6), -7, 3), "divu");
        assertEquals(-1, calc(op32(1, 4, 7, 5, 6), 7, 0), "divw by zero");
        assertEquals(Integer.MIN_VALUE, calc(op32(1, 4, 7, 5, 6), Integer.MIN_VALUE, -1), "divw overflow");
        assertEquals(0, calc(op32(1, 6, 7, 5, 6), Integer.MIN_VALUE, -1), "remw overflow");
        assertEquals(-1, calc(op32(1, 5, 7, 5, 6), 7, 0x1_0000_0000L), "divuw: divisor's low word is zero");
        assertEquals(-7, calc(op32(1, 7, 7, 5, 6), 0xffff_fff9L, 0), "remuw by zero: the dividend, sign-extended");
        assertEquals(0x7fff_fffc, calc(op32(1, 5, 7, 5, 6), -7, 2), "divuw");
    }

    @Test
    void writesToX0_areDiscarded_butLoadsStillFault() {
        h.x[5] = HartHarness.DATA;
        h.poke64(HartHarness.DATA, 77);
        h.exec(addi(0, 0, 5), lui(0, 0x1000), ld(0, 5, 0), op(1, 0, 0, 5, 5), jal(0, 8), ebreak(), auipc(6, 0),
                jalr(0, 6, 12), ebreak(), add(7, 0, 0));
        assertEquals(0, h.x[0]);
        assertEquals(0, h.x[7], "x0 reads as zero after every kind of write to it");
        h.x[5] = 0x7000_0000L;
        h.code(ld(0, 5, 0));
        assertEquals(Hart.CAUSE_LOAD_PAGE_FAULT, h.run(), "a load into x0 is still a load");
    }
}
