package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jstap.sim.hw.Mmu;
import org.junit.jupiter.api.Test;

/**
 * The compressed forms, A, Zicsr, Zifencei and the traps: page faults with their address, the
 * TLB's sfence.vma semantics, the decoded-page cache following writes, and the instruction budget.
 */
class SystemIsaTest {
    private final HartHarness h = new HartHarness();

    @Test
    void compressed_expandToTheirBaseInstructions() {
        long sp = HartHarness.DATA + 0x100;
        h.x[2] = sp;
        h.x[8] = 10;
        h.x[9] = 3;
        h.code16(0x4505, 0x157d, 0x6605, 0x0612, 0x85b2, 0x95b2, 0x8c05, 0x9c25, 0x6141, 0x0800, 0xe404, 0x6408,
                0xc42a, 0xa011, 0x9002, 0x0001);
        assertEquals(Hart.CAUSE_USER_ECALL, h.run());
        assertEquals(3, h.x[10], "c.li 1, c.addi -1, then c.ld of what c.sd stored");
        assertEquals(0x10000, h.x[12], "c.lui 1; c.slli 4");
        assertEquals(0x20000, h.x[11], "c.mv; c.add");
        assertEquals(sp + 16, h.x[2], "c.addi16sp 16");
        assertEquals(sp + 32, h.x[8], "c.sub, c.addw, then c.addi4spn 16");
        assertEquals(3, h.peek64(sp + 40));
        assertEquals(3, h.peek32(sp + 24), "c.swsp");
        assertEquals(HartHarness.TEXT + 32, h.hart.pc, "c.j skipped the c.ebreak");
    }

    @Test
    void compressedFp_andStackLoads() {
        h.x[2] = HartHarness.DATA;
        h.f[8] = Double.doubleToRawLongBits(1.25);
        h.poke32(HartHarness.DATA + 8, -7);
        h.code16(0xa022, 0x2482, 0x4522);
        assertEquals(Hart.CAUSE_USER_ECALL, h.run());
        assertEquals(Double.doubleToRawLongBits(1.25), h.f[9], "c.fsdsp then c.fldsp");
        assertEquals(-7, h.x[10], "c.lwsp sign-extends");
    }

    @Test
    void illegal_zeroHalfwordAndReserved() {
        h.code16(0x0000);
        assertEquals(Hart.CAUSE_ILLEGAL_INSTRUCTION, h.run());
        assertEquals(HartHarness.TEXT, h.hart.pc);
        h.code(0xffff_ffff);
        assertEquals(Hart.CAUSE_ILLEGAL_INSTRUCTION, h.run());
        h.code(ebreak());
        assertEquals(Hart.CAUSE_BREAKPOINT, h.run());
    }

    @Test
    void lrSc_reservationAndAmos() {
        long a = HartHarness.DATA;
        h.poke64(a, 5);
        h.x[5] = a;
        h.x[6] = 9;
        h.exec(amo(Amo.LR, true, 7, 5, 0), amo(Amo.SC, true, 8, 5, 6), amo(Amo.SC, true, 9, 5, 6));
        assertEquals(5, h.x[7]);
        assertEquals(0, h.x[8], "sc after lr succeeds");
        assertEquals(1, h.x[9], "a second sc has no reservation");
        assertEquals(9, h.peek64(a));
        h.poke32(a + 8, 0x7fff_ffff);
        h.x[5] = a + 8;
        h.x[6] = 1;
        h.exec(amo(Amo.ADD, false, 7, 5, 6), amo(Amo.MAXU, false, 8, 5, 6), amo(Amo.MIN, false, 9, 5, 6));
        assertEquals(0x7fff_ffff, h.x[7]);
        assertEquals(Integer.MIN_VALUE, h.x[8], "amo results are sign-extended words");
        assertEquals(Integer.MIN_VALUE, h.x[9]);
        assertEquals(Integer.MIN_VALUE, h.peek32(a + 8), "min(0x80000000, 1) signed");
        h.x[5] = a + 4;
        h.code(amo(Amo.SWAP, true, 7, 5, 6));
        assertEquals(Hart.CAUSE_STORE_MISALIGNED, h.run(), "AMOs must be aligned");
        assertEquals(a + 4, h.hart.stval);
        h.code(amo(Amo.LR, false, 7, 5, 0));
        h.x[5] = a + 2;
        assertEquals(Hart.CAUSE_LOAD_MISALIGNED, h.run());
    }

    @Test
    void csrs_countersReadOnly_fpWritable() {
        h.now = 12_345;
        h.exec(addi(0, 0, 0), addi(0, 0, 0), csr(2, 5, Csrs.INSTRET, 0), csr(2, 6, Csrs.TIME, 0),
                csr(5, 0, Csrs.FFLAGS, 0x1f), csr(2, 7, Csrs.FCSR, 0), csr(5, 8, Csrs.FRM, 3), csr(2, 9, Csrs.FCSR, 0),
                csr(7, 10, Csrs.FFLAGS, 1), csr(2, 11, Csrs.FFLAGS, 0));
        assertEquals(2, h.x[5], "two instructions retired before");
        assertEquals((12_345 + 3) / 100, h.x[6], "time at 10 MHz, three instructions in");
        assertEquals(0x1f, h.x[7]);
        assertEquals(0x7f, h.x[9], "frm 3 and the five flags");
        assertEquals(0x1f, h.x[10], "csrrci returns the old value");
        assertEquals(0x1e, h.x[11]);
        h.code(csr(1, 0, Csrs.CYCLE, 5));
        assertEquals(Hart.CAUSE_ILLEGAL_INSTRUCTION, h.run(), "counters are read-only");
        h.code(csr(2, 5, 0x7c0, 0));
        assertEquals(Hart.CAUSE_ILLEGAL_INSTRUCTION, h.run(), "no such CSR");
    }

    @Test
    void pageFaults_reportTheAddressAndStopBeforeTheInstruction() {
        h.x[5] = 0x7000_0000L;
        h.code(addi(6, 0, 1), ld(7, 5, 8));
        assertEquals(Hart.CAUSE_LOAD_PAGE_FAULT, h.run());
        assertEquals(0x7000_0008L, h.hart.stval);
        assertEquals(HartHarness.TEXT + 4, h.hart.pc);
        assertEquals(1, h.hart.retired);
        h.code(sd(6, 5, 0));
        assertEquals(Hart.CAUSE_STORE_PAGE_FAULT, h.run());
        h.map(0x7000_0000L, Mmu.PTE_V | Mmu.PTE_R | Mmu.PTE_U);
        assertEquals(Hart.CAUSE_STORE_PAGE_FAULT, h.run(), "read-only page");
        h.code(ld(7, 5, 0));
        assertEquals(Hart.CAUSE_USER_ECALL, h.run());
        h.code(jalr(0, 5, 0));
        assertEquals(Hart.CAUSE_FETCH_PAGE_FAULT, h.run(), "not executable");
        assertEquals(0x7000_0000L, h.hart.stval);
        assertEquals(0x7000_0000L, h.hart.pc);
    }

    @Test
    void tlb_keepsAStaleMappingUntilSfenceVma() {
        long va = 0x7000_0000L;
        long first = h.map(va, HartHarness.URWX);
        h.ram.write64(first << 12, 111);
        h.x[5] = va;
        h.exec(ld(7, 5, 0));
        assertEquals(111, h.x[7]);
        long second = h.map(va, HartHarness.URWX);
        h.ram.write64(second << 12, 222);
        h.exec(ld(7, 5, 0));
        assertEquals(111, h.x[7], "the TLB still holds the old translation");
        h.hart.sfence_vma(va);
        h.exec(ld(7, 5, 0));
        assertEquals(222, h.x[7]);
    }

    @Test
    void decodedPages_followWritesToCode() {
        h.exec(addi(5, 0, 1));
        assertEquals(1, h.x[5]);
        h.poke32(HartHarness.TEXT, addi(5, 0, 2));
        assertEquals(Hart.CAUSE_USER_ECALL, h.run());
        assertEquals(2, h.x[5], "a write into the frame drops its decoded instructions");
        // a store by the program into its own code takes effect after fence.i
        h.x[6] = HartHarness.TEXT + 12;
        h.x[7] = addi(5, 0, 7);
        h.code(store(2, 7, 6, 0), fence_i(), addi(0, 0, 0), addi(5, 0, 3));
        assertEquals(Hart.CAUSE_USER_ECALL, h.run());
        assertEquals(7, h.x[5]);
    }

    @Test
    void budget_stopsAfterThatManyInstructions() {
        h.code(addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1));
        h.hart.pc = HartHarness.TEXT;
        assertEquals(Hart.CAUSE_TIMER_INTERRUPT, h.hart.run(h.x, h.f, h.root, 3));
        assertEquals(3, h.x[5]);
        assertEquals(3, h.hart.retired);
        assertEquals(HartHarness.TEXT + 12, h.hart.pc);
        assertEquals(Hart.CAUSE_USER_ECALL, h.hart.run(h.x, h.f, h.root, 3));
        assertEquals(4, h.x[5]);
    }
}
