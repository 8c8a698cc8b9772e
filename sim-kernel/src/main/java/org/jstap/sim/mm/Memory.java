package org.jstap.sim.mm;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.arch.riscv.Pgtable;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.kernel.LinuxFile;

/**
 * mm/memory.c: user pages on demand. A fault on an unmapped page of a mapping allocates a zeroed
 * page ({@code do_anonymous_page}); a write to a page shared copy-on-write after fork copies it
 * unless the writer is its last user ({@code do_wp_page}). Fork copies page tables with
 * {@code copy_page_range}; munmap and exit take pages down with {@code zap_page_range}.
 */
@LinuxFile("mm/memory.c")
public final class Memory {
    /** fault flags (FAULT_FLAG_*). */
    public static final int FAULT_FLAG_WRITE = 0x1;
    public static final int FAULT_FLAG_USER = 0x40;
    public static final int FAULT_FLAG_INSTRUCTION = 0x100;
    /** vm_fault_t results. */
    public static final int VM_FAULT_OOM = 0x1;
    public static final int VM_FAULT_SIGBUS = 0x2;
    public static final int VM_FAULT_SIGSEGV = 0x40;

    /** Virtual cost of taking a minor fault and of copying a page. */
    static final long FAULT_NS = 400;
    static final long COPY_PAGE_NS = 250;

    private final Kernel kernel;
    private final PageAlloc pages;
    private final Pgtable pgtable;
    private long pgfault;

    public Memory(Kernel kernel, PageAlloc pages, Pgtable pgtable) {
        this.kernel = kernel;
        this.pages = pages;
        this.pgtable = pgtable;
    }

    /** vm_get_page_prot: the PTE bits a mapping's pages get (write only where it may be written now). */
    static long vm_get_page_prot(long vmFlags) {
        if ((vmFlags & (VmAreaStruct.VM_READ | VmAreaStruct.VM_WRITE | VmAreaStruct.VM_EXEC)) == 0) {
            // PROT_NONE: a present page user mode cannot touch (no U bit), kept for later mprotect
            return Mmu.PTE_V | Mmu.PTE_R;
        }
        long prot = Pgtable.PAGE_USER;
        if ((vmFlags & VmAreaStruct.VM_READ) != 0) {
            prot |= Mmu.PTE_R;
        }
        if ((vmFlags & VmAreaStruct.VM_WRITE) != 0) {
            prot |= Mmu.PTE_W | Mmu.PTE_R;
        }
        if ((vmFlags & VmAreaStruct.VM_EXEC) != 0) {
            prot |= Mmu.PTE_X;
        }
        return prot;
    }

    /**
     * handle_mm_fault: makes the page at {@code address} of {@code vma} present (and writable for a
     * write). The caller has checked the access against the mapping's permissions. Returns 0 or
     * VM_FAULT_* bits.
     */
    public int handle_mm_fault(VmAreaStruct vma, long address, int flags) {
        pgfault++;
        kernel.sched().charge(FAULT_NS);
        long page = address & Page.PAGE_MASK;
        long pteAddr = pgtable.pte_offset(vma.vm_mm.pgd, page, true);
        if (pteAddr < 0) {
            return VM_FAULT_OOM;
        }
        long pte = pgtable.ptep_get(pteAddr);
        if ((pte & Mmu.PTE_V) == 0) {
            if (vma.vm_file != null) {
                return do_fault(vma, pteAddr, page, flags);
            }
            return vma.shared != null ? do_shared_page(vma, pteAddr, page) : do_anonymous_page(vma, pteAddr);
        }
        if ((flags & FAULT_FLAG_WRITE) != 0 && (pte & Mmu.PTE_W) == 0) {
            int r = do_wp_page(vma, pteAddr, pte, page);
            // the entry changed (a copy has another frame): harts must not keep the old one
            kernel.tlbflush().flush_tlb_page(vma.vm_mm, page);
            return r;
        }
        // another path mapped it meanwhile, or only the accessed bit was missing
        return 0;
    }

    /** do_anonymous_page: a zeroed page of the process's own. */
    int do_anonymous_page(VmAreaStruct vma, long pteAddr) {
        long pfn = pages.alloc_pages(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO, 0);
        if (pfn == PageAlloc.NO_PAGE) {
            return VM_FAULT_OOM;
        }
        pages.page_set_flag(pfn, PageAlloc.PG_ANON);
        pages.page_add_rmap(pfn);
        vma.vm_mm.add_rss(1);
        pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(pfn, vm_get_page_prot(vma.vm_flags)));
        return 0;
    }

    /**
     * do_fault for a file mapping: the page comes from the page cache (filemap_fault). A shared
     * mapping maps the cache page itself, read-only until the first write marks it dirty; a
     * private one maps it read-only and copies it on the first write (do_cow_fault). A page
     * wholly past the end of the file is SIGBUS.
     */
    int do_fault(VmAreaStruct vma, long pteAddr, long page, int flags) {
        long pgoff = vma.vm_pgoff + ((page - vma.vm_start) >>> Page.PAGE_SHIFT);
        var inode = vma.vm_file.f_inode;
        if (pgoff >= (inode.i_size + Page.PAGE_SIZE - 1) >>> Page.PAGE_SHIFT) {
            return VM_FAULT_SIGBUS;
        }
        long pfn = kernel.vfs().filemap().read_cache_page(inode.i_mapping, pgoff);
        if (pfn < 0) {
            return pfn == -org.jstap.sim.kernel.Errno.ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
        }
        boolean write = (flags & FAULT_FLAG_WRITE) != 0;
        long prot = vm_get_page_prot(vma.vm_flags);
        if ((vma.vm_flags & VmAreaStruct.VM_SHARED) == 0) {
            if (write) {
                return wp_page_copy_from(vma, pteAddr, pfn, prot);
            }
            prot &= ~Mmu.PTE_W;
        } else if (write) {
            kernel.vfs().filemap().set_page_dirty(inode.i_mapping, pgoff);
        } else {
            prot &= ~Mmu.PTE_W;
        }
        pages.get_page(pfn);
        pages.page_add_rmap(pfn);
        vma.vm_mm.add_rss(1);
        pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(pfn, prot) | (write ? Mmu.PTE_A | Mmu.PTE_D : 0));
        return 0;
    }

    /** A private copy of page cache page {@code src}, mapped writable (do_cow_fault's copy). */
    private int wp_page_copy_from(VmAreaStruct vma, long pteAddr, long src, long prot) {
        long pfn = pages.alloc_pages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        if (pfn == PageAlloc.NO_PAGE) {
            return VM_FAULT_OOM;
        }
        kernel.sched().charge(COPY_PAGE_NS);
        kernel.ram().copy(src, pfn);
        pages.page_set_flag(pfn, PageAlloc.PG_ANON);
        pages.page_add_rmap(pfn);
        vma.vm_mm.add_rss(1);
        pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(pfn, prot) | Mmu.PTE_A | Mmu.PTE_D);
        return 0;
    }

    /** shmem_fault for a shared anonymous mapping: the page its other users see, made on first touch. */
    int do_shared_page(VmAreaStruct vma, long pteAddr, long page) {
        long pgoff = vma.vm_pgoff + ((page - vma.vm_start) >>> Page.PAGE_SHIFT);
        Long pfn = vma.shared.pages.get(pgoff);
        if (pfn == null) {
            // the object's page cache holds the first reference
            long fresh = pages.alloc_pages(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO, 0);
            if (fresh == PageAlloc.NO_PAGE) {
                return VM_FAULT_OOM;
            }
            vma.shared.pages.put(pgoff, fresh);
            pfn = fresh;
        }
        pages.get_page(pfn);
        pages.page_add_rmap(pfn);
        vma.vm_mm.add_rss(1);
        pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(pfn, vm_get_page_prot(vma.vm_flags)));
        return 0;
    }

    /**
     * do_wp_page: a write to a page mapped read-only because fork shares it. The last user takes
     * it back writable; anyone else gets a copy (wp_page_copy).
     */
    int do_wp_page(VmAreaStruct vma, long pteAddr, long pte, long page) {
        if ((vma.vm_flags & VmAreaStruct.VM_WRITE) == 0) {
            return VM_FAULT_SIGSEGV;
        }
        long old = Mmu.pte_pfn(pte);
        long prot = vm_get_page_prot(vma.vm_flags);
        if (vma.vm_file != null && (vma.vm_flags & VmAreaStruct.VM_SHARED) != 0) {
            // wp_page_shared: the page cache page becomes writable, and dirty
            long pgoff = vma.vm_pgoff + ((page - vma.vm_start) >>> Page.PAGE_SHIFT);
            kernel.vfs().filemap().set_page_dirty(vma.vm_file.f_inode.i_mapping, pgoff);
            pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(old, prot) | Mmu.PTE_A | Mmu.PTE_D);
            return 0;
        }
        if (pages.page_ref_count(old) == 1 && (vma.vm_file == null || pages.page_test_flag(old, PageAlloc.PG_ANON))) {
            pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(old, prot) | Mmu.PTE_A | Mmu.PTE_D);
            return 0;
        }
        return wp_page_copy(vma, pteAddr, old, prot);
    }

    int wp_page_copy(VmAreaStruct vma, long pteAddr, long old, long prot) {
        long pfn = pages.alloc_pages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        if (pfn == PageAlloc.NO_PAGE) {
            return VM_FAULT_OOM;
        }
        kernel.sched().charge(COPY_PAGE_NS);
        kernel.ram().copy(old, pfn);
        pages.page_set_flag(pfn, PageAlloc.PG_ANON);
        pages.page_add_rmap(pfn);
        pgtable.set_pte_at(pteAddr, Pgtable.pfn_pte(pfn, prot) | Mmu.PTE_A | Mmu.PTE_D);
        pages.page_remove_rmap(old);
        pages.put_page(old);
        return 0;
    }

    /**
     * copy_page_range: the child's page tables for one mapping at fork. Private writable pages
     * become read-only in both, so the first write by either side copies (COW); shared pages
     * stay shared. False when the child's tables could not be allocated.
     */
    public boolean copy_page_range(MmStruct dst, MmStruct src, VmAreaStruct vma) {
        boolean[] ok = {true};
        boolean cow = vma.is_cow_mapping();
        pgtable.walk_range(src.pgd, vma.vm_start, vma.vm_end, (srcPte, pte, va) -> {
            if (!ok[0]) {
                return;
            }
            long dstPte = pgtable.pte_offset(dst.pgd, va, true);
            if (dstPte < 0) {
                ok[0] = false;
                return;
            }
            long value = pte;
            if (cow && (pte & Mmu.PTE_W) != 0) {
                value = pte & ~Mmu.PTE_W;
                pgtable.set_pte_at(srcPte, value);
            }
            long pfn = Mmu.pte_pfn(pte);
            pages.get_page(pfn);
            pages.page_add_rmap(pfn);
            dst.add_rss(1);
            pgtable.set_pte_at(dstPte, value & ~Mmu.PTE_D);
        });
        return ok[0];
    }

    /** zap_page_range: unmaps [start, end) of a mapping and drops its pages. */
    public void zap_page_range(VmAreaStruct vma, long start, long end) {
        MmStruct mm = vma.vm_mm;
        pgtable.walk_range(mm.pgd, start, end, (pteAddr, pte, va) -> {
            long pfn = Mmu.pte_pfn(pte);
            pgtable.set_pte_at(pteAddr, 0);
            pages.page_remove_rmap(pfn);
            pages.put_page(pfn);
            mm.anon_rss--;
        });
        kernel.tlbflush().flush_tlb_range(mm, start, end);
    }

    /** A mapping of a shared object went away: the last one drops the object's pages. */
    void shmem_release(Shmem shared) {
        if (--shared.users == 0) {
            shared.pages.values().forEach(pages::put_page);
            shared.pages.clear();
        }
    }

    /** Page faults handled since boot (the pgfault counter of /proc/vmstat). */
    public long pgfault() {
        return pgfault;
    }
}
