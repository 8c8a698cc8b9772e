package org.jstap.sim.hw.riscv;

import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.Ram;

/**
 * A bare hart on a small RAM with Sv39 tables built here: code at {@link #TEXT}, a data page at
 * {@link #DATA}; {@link #run} executes instructions until the ecall appended after them.
 */
final class HartHarness {
    static final long TEXT = 0x10000;
    static final long DATA = 0x20000;
    static final long URWX = Mmu.PTE_V | Mmu.PTE_R | Mmu.PTE_W | Mmu.PTE_X | Mmu.PTE_U;

    final Ram ram = new Ram(16 << 20);
    final Mmu mmu = new Mmu(ram);
    final DecodedPages decoded = new DecodedPages(ram);
    long now;
    final Hart hart = new Hart(0, ram, mmu, decoded, () -> now);
    final long root;
    final long[] x = new long[32];
    final long[] f = new long[32];
    private long nextFrame = Ram.BASE >>> 12;

    HartHarness() {
        root = frame();
        map(TEXT, URWX);
        map(TEXT + 0x1000, URWX);
        map(DATA, URWX);
        map(DATA + 0x1000, URWX);
    }

    long frame() {
        return nextFrame++;
    }

    /** Maps the page of {@code va} to a new frame with {@code flags}; returns the frame. */
    long map(long va, long flags) {
        long table = root;
        for (int level = 2; level > 0; level--) {
            long entry = table << 12 | 8L * Mmu.vpn(va, level);
            long pte = ram.read64(entry);
            if ((pte & Mmu.PTE_V) == 0) {
                pte = frame() << Mmu.PPN_SHIFT | Mmu.PTE_V;
                ram.write64(entry, pte);
            }
            table = Mmu.pte_pfn(pte);
        }
        long pfn = frame();
        ram.write64(table << 12 | 8L * Mmu.vpn(va, 0), pfn << Mmu.PPN_SHIFT | flags);
        return pfn;
    }

    /** The physical address of a mapped {@code va}. */
    long pa(long va) {
        return mmu.translate(root, va, Mmu.Access.LOAD);
    }

    void poke64(long va, long v) {
        ram.write64(pa(va), v);
    }

    long peek64(long va) {
        return ram.read64(pa(va));
    }

    void poke32(long va, int v) {
        ram.write32(pa(va), v);
    }

    int peek32(long va) {
        return ram.read32(pa(va));
    }

    /** Writes 32-bit instructions at TEXT and an ecall after them. */
    void code(int... insns) {
        long va = TEXT;
        for (int insn : insns) {
            poke32(va, insn);
            va += 4;
        }
        poke32(va, Asm.ecall());
    }

    /** Writes halfwords (compressed code) at TEXT, then an ecall. */
    void code16(int... halves) {
        long va = TEXT;
        for (int h : halves) {
            ram.write16(pa(va), h);
            va += 2;
        }
        poke32(va, Asm.ecall());
    }

    /** Runs from TEXT until a trap; returns its cause. */
    int run() {
        hart.pc = TEXT;
        return hart.run(x, f, root, 1_000_000);
    }

    /** Runs the instructions and expects them to reach the ecall after them. */
    void exec(int... insns) {
        code(insns);
        int cause = run();
        if (cause != Hart.CAUSE_USER_ECALL) {
            throw new AssertionError("trap " + cause + " at pc 0x" + Long.toHexString(hart.pc) + ", stval 0x"
                    + Long.toHexString(hart.stval));
        }
    }
}
