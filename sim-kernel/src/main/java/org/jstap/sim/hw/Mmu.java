package org.jstap.sim.hw;

/**
 * The harts' address translation, RISC-V Sv39: three levels of 512 eight-byte entries in RAM,
 * rooted at the page named by satp. A leaf grants read, write, execute and user access; the
 * walker sets the accessed and dirty bits as it goes (Svadu). The kernel's page-table code
 * ({@code arch.riscv.Pgtable}) writes the same format.
 */
public final class Mmu {
    public static final long PTE_V = 1L;
    public static final long PTE_R = 1L << 1;
    public static final long PTE_W = 1L << 2;
    public static final long PTE_X = 1L << 3;
    public static final long PTE_U = 1L << 4;
    public static final long PTE_G = 1L << 5;
    public static final long PTE_A = 1L << 6;
    public static final long PTE_D = 1L << 7;
    public static final int PPN_SHIFT = 10;
    public static final int LEVELS = 3;

    /** What an access wants. */
    public enum Access { LOAD, STORE, FETCH }

    /** What translate returns for an access the page tables do not allow: raise a page fault. */
    public static final long FAULT = -1;

    private final Ram ram;

    public Mmu(Ram ram) {
        this.ram = ram;
    }

    /** Index of {@code va} in the table of {@code level} (2 = root). */
    public static int vpn(long va, int level) {
        return (int) (va >>> (12 + 9 * level)) & 511;
    }

    public static long pte_pfn(long pte) {
        return (pte >>> PPN_SHIFT) & ((1L << 44) - 1);
    }

    /** Whether a valid entry points to the next table rather than mapping a page. */
    public static boolean is_table(long pte) {
        return (pte & (PTE_V | PTE_R | PTE_W | PTE_X)) == PTE_V;
    }

    /**
     * A user-mode access to {@code va} in the address space rooted at {@code rootPfn}: the physical
     * address, or {@link #FAULT}.
     */
    public long translate(long rootPfn, long va, Access access) {
        if ((va >> 38) != 0 && (va >> 38) != -1) {
            return FAULT;
        }
        long table = rootPfn << Ram.PAGE_SHIFT;
        for (int level = LEVELS - 1; level >= 0; level--) {
            long pteAddr = table + 8L * vpn(va, level);
            long pte = ram.read64(pteAddr);
            if ((pte & PTE_V) == 0 || ((pte & PTE_W) != 0 && (pte & PTE_R) == 0)) {
                return FAULT;
            }
            if (is_table(pte)) {
                table = pte_pfn(pte) << Ram.PAGE_SHIFT;
                continue;
            }
            boolean allowed = (pte & PTE_U) != 0 && switch (access) {
                case LOAD -> (pte & PTE_R) != 0;
                case STORE -> (pte & PTE_W) != 0;
                case FETCH -> (pte & PTE_X) != 0;
            };
            if (!allowed) {
                return FAULT;
            }
            long updated = pte | PTE_A | (access == Access.STORE ? PTE_D : 0);
            if (updated != pte) {
                ram.write64(pteAddr, updated);
            }
            long offsetMask = (1L << (12 + 9 * level)) - 1;
            return (pte_pfn(pte) << Ram.PAGE_SHIFT & ~offsetMask) | (va & offsetMask);
        }
        return FAULT;
    }

    public Ram ram() {
        return ram;
    }
}
