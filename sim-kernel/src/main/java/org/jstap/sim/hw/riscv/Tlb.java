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

    /**
     * Per kind of access, two entries per slot: the virtual page number (-1 when empty) and the
     * physical page address. One flat array each, so a hit is two loads from one array.
     */
    private final long[] load = new long[2 * ENTRIES];
    private final long[] store = new long[2 * ENTRIES];
    private final long[] fetch = new long[2 * ENTRIES];

    public Tlb() {
        flush_all();
    }

    private long[] entries(int kind) {
        return kind == LOAD ? load : kind == STORE ? store : fetch;
    }

    /** The physical address of {@code va} for {@code kind}, or -1 when not cached. */
    public long lookup(int kind, long va) {
        long[] e = entries(kind);
        long page = va >>> 12;
        int i = ((int) page & MASK) << 1;
        return e[i] == page ? e[i + 1] | (va & 0xfff) : -1;
    }

    /** A load's physical address, or -1 when not cached. */
    public long load(long va) {
        long page = va >>> 12;
        int i = ((int) page & MASK) << 1;
        return load[i] == page ? load[i + 1] | (va & 0xfff) : -1;
    }

    /** A store's physical address, or -1 when not cached. */
    public long store(long va) {
        long page = va >>> 12;
        int i = ((int) page & MASK) << 1;
        return store[i] == page ? store[i + 1] | (va & 0xfff) : -1;
    }

    /** Remembers that {@code va}'s page maps to physical address {@code pa}'s page for {@code kind}. */
    public void fill(int kind, long va, long pa) {
        long[] e = entries(kind);
        long page = va >>> 12;
        int i = ((int) page & MASK) << 1;
        e[i] = page;
        e[i + 1] = pa & ~0xfffL;
    }

    /** sfence.vma with an address: forget the page of {@code va} for every kind of access. */
    public void flush_page(long va) {
        long page = va >>> 12;
        int i = ((int) page & MASK) << 1;
        if (load[i] == page) {
            load[i] = INVALID;
        }
        if (store[i] == page) {
            store[i] = INVALID;
        }
        if (fetch[i] == page) {
            fetch[i] = INVALID;
        }
    }

    /** sfence.vma without arguments. */
    public void flush_all() {
        for (int i = 0; i < 2 * ENTRIES; i += 2) {
            load[i] = INVALID;
            store[i] = INVALID;
            fetch[i] = INVALID;
        }
    }
}
