package org.jstap.sim.hw.riscv;

/**
 * A hart's translation lookaside buffer: recent Sv39 translations of user pages, direct-mapped
 * by virtual page number, one array for each kind of access (a page readable but not yet
 * writable, or writable only after a copy-on-write fault, is cached only for what its entry
 * allowed when it was walked). Like a real TLB it is not kept coherent with the page tables by
 * itself: the kernel flushes it when it changes or removes an entry ({@link #flush_page},
 * {@link #flush_all}: sfence.vma), and the hart flushes it when satp names a different table.
 *
 * <pre>{@code
 * long pa = tlb.lookup(Tlb.LOAD, va);               // -1 on a miss
 * if (pa < 0) { pa = mmu.translate(root, va, LOAD); tlb.fill(Tlb.LOAD, va, pa); }
 * }</pre>
 */
public final class Tlb {
    public static final int LOAD = 0;
    public static final int STORE = 1;
    public static final int FETCH = 2;
    /** Entries per access kind. */
    static final int ENTRIES = 256;
    private static final int MASK = ENTRIES - 1;
    private static final long INVALID = -1;

    /** Virtual page number cached in each entry, per access kind; -1 when empty. */
    private final long[][] vpn = new long[3][ENTRIES];
    /** The physical page address of each entry. */
    private final long[][] ppage = new long[3][ENTRIES];

    public Tlb() {
        flush_all();
    }

    /** The physical address of {@code va} for {@code kind}, or -1 when not cached. */
    public long lookup(int kind, long va) {
        long page = va >>> 12;
        int i = (int) page & MASK;
        return vpn[kind][i] == page ? ppage[kind][i] | (va & 0xfff) : -1;
    }

    /** Remembers that {@code va}'s page maps to physical address {@code pa}'s page for {@code kind}. */
    public void fill(int kind, long va, long pa) {
        long page = va >>> 12;
        int i = (int) page & MASK;
        vpn[kind][i] = page;
        ppage[kind][i] = pa & ~0xfffL;
    }

    /** sfence.vma with an address: forget the page of {@code va} for every kind of access. */
    public void flush_page(long va) {
        long page = va >>> 12;
        int i = (int) page & MASK;
        for (int k = 0; k < 3; k++) {
            if (vpn[k][i] == page) {
                vpn[k][i] = INVALID;
            }
        }
    }

    /** sfence.vma without arguments. */
    public void flush_all() {
        for (long[] v : vpn) {
            java.util.Arrays.fill(v, INVALID);
        }
    }
}
