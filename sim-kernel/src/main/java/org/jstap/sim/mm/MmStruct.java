package org.jstap.sim.mm;

import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.kernel.KernelObject;

/**
 * struct mm_struct: a user address space: its page tables (pgd, the root table's frame), its
 * mappings by start address (Linux keeps them in a maple tree), the program's layout and the
 * resident-page counters. Shared by the threads of a process ({@code mm_users}).
 */
public final class MmStruct implements KernelObject {
    public long pgd;
    final TreeMap<Long, VmAreaStruct> mm_mt = new TreeMap<>();
    public int map_count;
    public int mm_users = 1;
    public long start_code;
    public long end_code;
    public long start_data;
    public long end_data;
    public long start_brk;
    public long brk;
    public long start_stack;
    public long arg_start;
    public long arg_end;
    public long env_start;
    public long env_end;
    public long mmap_base;
    /** Pages mapped (total_vm) and resident anonymous pages (rss_stat[MM_ANONPAGES]). */
    public long total_vm;
    public long anon_rss;
    public long hiwater_rss;
    /** The program the address space was made for (mm->exe_file): what its binfmt loaded. */
    public Object exe_file;
    /** Where the vDSO is mapped (mm->context.vdso): the signal return trampoline is in it. */
    public long vdso;
    final long kaddr;

    MmStruct(long kaddr, long pgd) {
        this.kaddr = kaddr;
        this.pgd = pgd;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    /** The mappings in address order. */
    public Iterable<VmAreaStruct> vmas() {
        return java.util.List.copyOf(mm_mt.values());
    }

    /** find_vma: the first mapping that ends above {@code addr}, or null. */
    public VmAreaStruct find_vma(long addr) {
        Map.Entry<Long, VmAreaStruct> e = mm_mt.floorEntry(addr);
        if (e != null && e.getValue().vm_end > addr) {
            return e.getValue();
        }
        Map.Entry<Long, VmAreaStruct> next = mm_mt.higherEntry(addr);
        return next == null ? null : next.getValue();
    }

    /** The mapping that contains {@code addr}, or null (vma_lookup). */
    public VmAreaStruct vma_lookup(long addr) {
        VmAreaStruct vma = find_vma(addr);
        return vma != null && vma.vm_start <= addr ? vma : null;
    }

    void add_rss(long pages) {
        anon_rss += pages;
        hiwater_rss = Math.max(hiwater_rss, anon_rss);
    }
}
