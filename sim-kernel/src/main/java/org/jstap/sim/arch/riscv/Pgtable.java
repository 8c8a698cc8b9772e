package org.jstap.sim.arch.riscv;

import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.PageAlloc;

/**
 * arch/riscv/include/asm/pgtable.h and mm/pgalloc: the kernel's side of the Sv39 page tables the
 * MMU walks. Tables are pages from the buddy allocator; an entry is written in RAM exactly as
 * the hardware reads it.
 */
@LinuxFile("arch/riscv/mm/pgtable.c")
public final class Pgtable {
    /** Protection bits of user mappings (PAGE_READ etc. with _PAGE_USER). */
    public static final long PAGE_USER = Mmu.PTE_V | Mmu.PTE_U;

    private final Ram ram;
    private final PageAlloc pages;

    public Pgtable(Ram ram, PageAlloc pages) {
        this.ram = ram;
        this.pages = pages;
    }

    /** pgd_alloc: an empty root table, or NO_PAGE. */
    public long pgd_alloc() {
        return pte_alloc_one();
    }

    private long pte_alloc_one() {
        long pfn = pages.alloc_pages(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, 0);
        if (pfn != PageAlloc.NO_PAGE) {
            pages.page_set_flag(pfn, PageAlloc.PG_PGTABLE);
        }
        return pfn;
    }

    public static long pfn_pte(long pfn, long prot) {
        return pfn << Mmu.PPN_SHIFT | prot;
    }

    /**
     * The physical address of the last-level entry for {@code va}, allocating the tables on the
     * way when {@code alloc} (pte_alloc); -1 when a table is missing or memory ran out.
     */
    public long pte_offset(long pgd, long va, boolean alloc) {
        long table = pgd << Ram.PAGE_SHIFT;
        for (int level = Mmu.LEVELS - 1; level > 0; level--) {
            long entryAddr = table + 8L * Mmu.vpn(va, level);
            long entry = ram.read64(entryAddr);
            if ((entry & Mmu.PTE_V) == 0) {
                if (!alloc) {
                    return -1;
                }
                long pfn = pte_alloc_one();
                if (pfn == PageAlloc.NO_PAGE) {
                    return -1;
                }
                entry = pfn_pte(pfn, Mmu.PTE_V);
                ram.write64(entryAddr, entry);
            }
            table = Mmu.pte_pfn(entry) << Ram.PAGE_SHIFT;
        }
        return table + 8L * Mmu.vpn(va, 0);
    }

    /** The entry mapping {@code va}, or 0 (pte_none). */
    public long get_pte(long pgd, long va) {
        long addr = pte_offset(pgd, va, false);
        return addr < 0 ? 0 : ram.read64(addr);
    }

    public long ptep_get(long pteAddr) {
        return ram.read64(pteAddr);
    }

    public void set_pte_at(long pteAddr, long pte) {
        ram.write64(pteAddr, pte);
    }

    /**
     * Calls {@code visitor} for every present last-level entry in [start, end) (the walk
     * zap_pte_range and copy_pte_range share).
     */
    public void walk_range(long pgd, long start, long end, PteVisitor visitor) {
        walk(pgd << Ram.PAGE_SHIFT, Mmu.LEVELS - 1, 0, start, end, visitor);
    }

    /** One present entry: its address in RAM, its value, and the virtual address it maps. */
    public interface PteVisitor {
        void visit(long pteAddr, long pte, long va);
    }

    private void walk(long table, int level, long base, long start, long end, PteVisitor visitor) {
        long span = 1L << (12 + 9 * level);
        for (int i = 0; i < 512; i++) {
            long va = base + i * span;
            if (va + span <= start || va >= end) {
                continue;
            }
            long entryAddr = table + 8L * i;
            long entry = ram.read64(entryAddr);
            if ((entry & Mmu.PTE_V) == 0) {
                continue;
            }
            if (level == 0) {
                visitor.visit(entryAddr, entry, va);
            } else {
                walk(Mmu.pte_pfn(entry) << Ram.PAGE_SHIFT, level - 1, va, start, end, visitor);
            }
        }
    }

    /** mm_pgtables_bytes / PAGE_SIZE: the table pages of an address space, the root included. */
    public long pgtables_pages(long pgd) {
        return countTables(pgd, Mmu.LEVELS - 1);
    }

    private long countTables(long pfn, int level) {
        long n = 1;
        if (level > 0) {
            long table = pfn << Ram.PAGE_SHIFT;
            for (int i = 0; i < 512; i++) {
                long entry = ram.read64(table + 8L * i);
                if ((entry & Mmu.PTE_V) != 0) {
                    n += countTables(Mmu.pte_pfn(entry), level - 1);
                }
            }
        }
        return n;
    }

    /** free_pgtables and pgd_free: returns every table page of an address space whose pages are gone. */
    public void free_pgd(long pgd) {
        freeTable(pgd, Mmu.LEVELS - 1);
    }

    private void freeTable(long pfn, int level) {
        if (level > 0) {
            long table = pfn << Ram.PAGE_SHIFT;
            for (int i = 0; i < 512; i++) {
                long entry = ram.read64(table + 8L * i);
                if ((entry & Mmu.PTE_V) != 0) {
                    freeTable(Mmu.pte_pfn(entry), level - 1);
                }
            }
        }
        pages.__free_pages(pfn, 0);
    }
}
