package org.jstap.sim.mm;

import java.util.BitSet;
import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.kernel.LinuxFile;

/**
 * mm/page_alloc.c: the buddy allocator over the machine's one zone (DMA32: all of a small RISC-V
 * board's RAM lies below 4 GiB). Free blocks of 2^order pages sit in {@code free_area[order]};
 * an allocation splits the smallest block that fits, a free merges a block with its buddy as far
 * as it goes. Pages are named by their frame number (pfn); the struct page fields the kernel
 * needs (reference and map counts, flags) are arrays indexed by pfn.
 *
 * <pre>{@code
 * long pfn = kernel.page_alloc().alloc_pages(Gfp.GFP_KERNEL, 0);
 * kernel.page_alloc().__free_pages(pfn, 0);
 * }</pre>
 */
@LinuxFile("mm/page_alloc.c")
public final class PageAlloc {
    /** Orders 0 .. MAX_ORDER-1, as Linux 6.1 counts them. */
    public static final int MAX_ORDER = 11;
    /** What alloc_pages returns when it fails (Linux's NULL page). */
    public static final long NO_PAGE = -1;

    /** Page flags (PG_*). */
    public static final int PG_BUDDY = 1;
    public static final int PG_SLAB = 2;
    public static final int PG_ANON = 4;
    public static final int PG_RESERVED = 8;
    public static final int PG_PGTABLE = 16;

    private final Kernel kernel;
    private final Ram ram;
    private final long basePfn;
    private final int nrPages;
    /** free_area[order]: a bit per block start (relative to the zone) that is a free block. */
    private final BitSet[] freeArea = new BitSet[MAX_ORDER];
    private final long[] nrFree = new long[MAX_ORDER];
    private long freePages;
    private long reservedPages;
    /** struct page: _refcount, _mapcount (+1: 0 means unmapped), flags, and the order of a block. */
    private final int[] refcount;
    private final int[] mapcount;
    private final byte[] flags;
    private final byte[] order;
    /** Reached when nothing is free: the OOM killer (mm/oom_kill.c); true if it freed or will free memory. */
    private OutOfMemory oom = (gfp, order) -> false;
    private long pgalloc;
    private long pgfree;

    /** The OOM killer's entry, called by an allocation that may sleep and found nothing free. */
    public interface OutOfMemory {
        boolean out_of_memory(int gfp, int order);
    }

    public PageAlloc(Kernel kernel, Ram ram) {
        this.kernel = kernel;
        this.ram = ram;
        this.basePfn = ram.first_pfn();
        this.nrPages = (int) ram.frames();
        this.refcount = new int[nrPages];
        this.mapcount = new int[nrPages];
        this.flags = new byte[nrPages];
        this.order = new byte[nrPages];
        for (int i = 0; i < MAX_ORDER; i++) {
            freeArea[i] = new BitSet();
        }
    }

    public void set_oom(OutOfMemory oom) {
        this.oom = oom;
    }

    /**
     * memblock_free_all: hands every frame after the first {@code reserved} (the kernel image) to the
     * buddy allocator, in the largest aligned blocks that fit.
     */
    public void memblock_free_all(int reserved) {
        reservedPages = reserved;
        for (int i = 0; i < reserved; i++) {
            flags[i] = PG_RESERVED;
            refcount[i] = 1;
        }
        int i = reserved;
        while (i < nrPages) {
            int o = MAX_ORDER - 1;
            while (o > 0 && ((i & ((1 << o) - 1)) != 0 || i + (1 << o) > nrPages)) {
                o--;
            }
            addFree(i, o);
            i += 1 << o;
        }
    }

    // ---------------------------------------------------------------- allocation

    /**
     * alloc_pages: a block of 2^order pages with a reference count of one, or {@link #NO_PAGE}.
     * When nothing is free an allocation that may sleep asks the OOM killer, waits for its victim
     * to let go, and tries again (the slow path's retry loop).
     */
    public long alloc_pages(int gfp, int order) {
        if (order < 0 || order >= MAX_ORDER) {
            return NO_PAGE;
        }
        long pfn = get_page_from_freelist(gfp, order);
        while (pfn == NO_PAGE && (gfp & Gfp.__GFP_DIRECT_RECLAIM) != 0 && (gfp & Gfp.__GFP_NORETRY) == 0
                && oom.out_of_memory(gfp, order)) {
            pfn = get_page_from_freelist(gfp, order);
        }
        if (pfn == NO_PAGE) {
            kernel.trace().mm_page_alloc(NO_PAGE, order, gfp);
            return NO_PAGE;
        }
        if ((gfp & Gfp.__GFP_ZERO) != 0) {
            for (int i = 0; i < 1 << order; i++) {
                ram.clear(pfn + i);
            }
        }
        pgalloc += 1L << order;
        kernel.trace().mm_page_alloc(pfn, order, gfp);
        return pfn;
    }

    /** alloc_page: one page. */
    public long alloc_page(int gfp) {
        return alloc_pages(gfp, 0);
    }

    long get_page_from_freelist(int gfp, int wanted) {
        return __rmqueue_smallest(wanted);
    }

    /** The smallest free block of at least {@code wanted} order, split down to size. */
    long __rmqueue_smallest(int wanted) {
        for (int o = wanted; o < MAX_ORDER; o++) {
            int i = freeArea[o].nextSetBit(0);
            if (i >= 0) {
                removeFree(i, o);
                expand(i, wanted, o);
                refcount[i] = 1;
                order[i] = (byte) wanted;
                return basePfn + i;
            }
        }
        return NO_PAGE;
    }

    /** expand: the upper halves of a split block go back to the lower orders' free lists. */
    private void expand(int index, int low, int high) {
        while (high > low) {
            high--;
            addFree(index + (1 << high), high);
        }
    }

    // ---------------------------------------------------------------- freeing

    /** __free_pages: drops a reference; the last one returns the block to the free lists. */
    public void __free_pages(long pfn, int order) {
        int i = index(pfn);
        if (refcount[i] <= 0) {
            throw new IllegalStateException("BUG: Bad page state: pfn:" + Long.toHexString(pfn) + " refcount "
                    + refcount[i]);
        }
        if (--refcount[i] == 0) {
            free_one_page(i, order);
        }
    }

    /** get_page: one more reference to an allocated page. */
    public void get_page(long pfn) {
        refcount[index(pfn)]++;
    }

    /** put_page: drops a reference to a block, of the order it was allocated with. */
    public void put_page(long pfn) {
        __free_pages(pfn, order[index(pfn)]);
    }

    private void free_one_page(int i, int o) {
        flags[i] = 0;
        mapcount[i] = 0;
        for (int k = 0; k < 1 << o; k++) {
            ram.discard(basePfn + i + k);
        }
        pgfree += 1L << o;
        kernel.trace().mm_page_free(basePfn + i, o);
        __free_one_page(i, o);
    }

    /** Merges the block with its free buddy while it has one, then files it. */
    private void __free_one_page(int i, int o) {
        while (o < MAX_ORDER - 1) {
            int buddy = i ^ (1 << o);
            if (buddy + (1 << o) > nrPages || !freeArea[o].get(buddy)) {
                break;
            }
            removeFree(buddy, o);
            i = Math.min(i, buddy);
            o++;
        }
        addFree(i, o);
    }

    private void addFree(int i, int o) {
        freeArea[o].set(i);
        nrFree[o]++;
        freePages += 1L << o;
        flags[i] = PG_BUDDY;
        order[i] = (byte) o;
    }

    private void removeFree(int i, int o) {
        freeArea[o].clear(i);
        nrFree[o]--;
        freePages -= 1L << o;
        flags[i] = 0;
    }

    // ---------------------------------------------------------------- struct page

    private int index(long pfn) {
        long i = pfn - basePfn;
        if (i < 0 || i >= nrPages) {
            throw new IllegalArgumentException("pfn 0x" + Long.toHexString(pfn) + " is not RAM");
        }
        return (int) i;
    }

    public int page_ref_count(long pfn) {
        return refcount[index(pfn)];
    }

    /** page_mapcount: how many page tables map the page. */
    public int page_mapcount(long pfn) {
        return mapcount[index(pfn)];
    }

    public void page_add_rmap(long pfn) {
        mapcount[index(pfn)]++;
    }

    public void page_remove_rmap(long pfn) {
        mapcount[index(pfn)]--;
    }

    public boolean page_test_flag(long pfn, int flag) {
        return (flags[index(pfn)] & flag) != 0;
    }

    public void page_set_flag(long pfn, int flag) {
        flags[index(pfn)] |= (byte) flag;
    }

    /** page_to_phys. */
    public static long page_to_phys(long pfn) {
        return pfn << Ram.PAGE_SHIFT;
    }

    // ---------------------------------------------------------------- accounting

    /** nr_free_pages: pages in the free lists. */
    public long nr_free_pages() {
        return freePages;
    }

    /** totalram_pages: pages the allocator manages (all RAM but the reserved image). */
    public long totalram_pages() {
        return nrPages - reservedPages;
    }

    /** Pages in use with page flag {@code flag} set (PG_ANON, PG_PGTABLE ...), for /proc/meminfo. */
    public long nr_pages_flagged(int flag) {
        long n = 0;
        for (int i = 0; i < nrPages; i++) {
            if ((flags[i] & flag) != 0 && refcount[i] > 0) {
                n++;
            }
        }
        return n;
    }

    public long reserved_pages() {
        return reservedPages;
    }

    /** vm_event counters pgalloc and pgfree, in pages. */
    public long pgalloc() {
        return pgalloc;
    }

    public long pgfree() {
        return pgfree;
    }

    /** /proc/buddyinfo: free blocks per order. */
    public String proc_buddyinfo() {
        StringBuilder out = new StringBuilder(String.format("Node %d, zone %8s ", 0, "DMA32"));
        for (int o = 0; o < MAX_ORDER; o++) {
            out.append(String.format("%6d ", nrFree[o]));
        }
        return out.append('\n').toString();
    }
}
