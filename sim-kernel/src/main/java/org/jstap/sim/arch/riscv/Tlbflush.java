package org.jstap.sim.arch.riscv;

import org.jstap.sim.hw.Hardware;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.MmStruct;

/**
 * arch/riscv/mm/tlbflush.c: after the kernel changes or removes a page-table entry a hart may have
 * cached, it tells the harts to forget it (sfence.vma, on other CPUs through the SBI's remote
 * fence). The mm code calls these where Linux does: copy-on-write replacing a page, fork
 * write-protecting the parent, mprotect, munmap and exit.
 *
 * <pre>{@code
 * pgtable.set_pte_at(pteAddr, newPte);
 * kernel.tlbflush().flush_tlb_page(vma.vm_mm, address);
 * }</pre>
 */
@LinuxFile("arch/riscv/mm/tlbflush.c")
public final class Tlbflush {
    /** Above this many pages a range flush flushes everything (tlb_flush_all_threshold). */
    static final long FLUSH_ALL_THRESHOLD = 64;

    private final Hardware hw;

    public Tlbflush(Hardware hw) {
        this.hw = hw;
    }

    /** flush_tlb_mm: every translation of the address space (on every hart: a hart that ran it may hold some). */
    public void flush_tlb_mm(MmStruct mm) {
        for (int cpu = 0; cpu < hw.cpus(); cpu++) {
            hw.hart(cpu).sfence_vma_all();
        }
    }

    /** flush_tlb_page: one page's translation. */
    public void flush_tlb_page(MmStruct mm, long addr) {
        for (int cpu = 0; cpu < hw.cpus(); cpu++) {
            hw.hart(cpu).sfence_vma(addr);
        }
    }

    /** flush_tlb_range: the pages of [start, end). */
    public void flush_tlb_range(MmStruct mm, long start, long end) {
        if ((end - start) >>> Page.PAGE_SHIFT > FLUSH_ALL_THRESHOLD) {
            flush_tlb_mm(mm);
            return;
        }
        for (long a = start & Page.PAGE_MASK; a < end; a += Page.PAGE_SIZE) {
            flush_tlb_page(mm, a);
        }
    }
}
