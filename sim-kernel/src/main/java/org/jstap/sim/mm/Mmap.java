package org.jstap.sim.mm;

import static org.jstap.sim.mm.VmAreaStruct.VM_EXEC;
import static org.jstap.sim.mm.VmAreaStruct.VM_MAYEXEC;
import static org.jstap.sim.mm.VmAreaStruct.VM_MAYREAD;
import static org.jstap.sim.mm.VmAreaStruct.VM_MAYSHARE;
import static org.jstap.sim.mm.VmAreaStruct.VM_MAYWRITE;
import static org.jstap.sim.mm.VmAreaStruct.VM_READ;
import static org.jstap.sim.mm.VmAreaStruct.VM_SHARED;
import static org.jstap.sim.mm.VmAreaStruct.VM_WRITE;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.arch.riscv.Pgtable;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * mm/mmap.c and mm/mprotect.c: address spaces and their mappings. {@code do_mmap} finds room
 * top-down below {@code mmap_base}, {@code do_munmap} and {@code mprotect} split mappings at the
 * range's edges, {@code brk} grows or shrinks the heap. Results are addresses or negative errno
 * values, as the syscalls return them.
 */
@LinuxFile("mm/mmap.c")
public final class Mmap {
    /** TASK_SIZE for Sv39: user addresses lie below 256 GiB. */
    public static final long TASK_SIZE = 0x40_0000_0000L;
    /** STACK_TOP, and mmap_base below it with the minimum gap (no randomisation: runs repeat). */
    public static final long STACK_TOP = TASK_SIZE;
    public static final long MMAP_BASE = STACK_TOP - (128L << 20);
    /** mmap_min_addr: the first pages stay unmapped so null pointers fault. */
    public static final long MMAP_MIN_ADDR = 4096;
    /** sysctl_max_map_count. */
    public static final int MAX_MAP_COUNT = 65530;

    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int PROT_EXEC = 0x4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_GROWSDOWN = 0x100;
    public static final int MAP_POPULATE = 0x8000;
    public static final int MAP_FIXED_NOREPLACE = 0x100000;

    private final Kernel kernel;
    private final Pgtable pgtable;
    private final Memory memory;
    private final Slub.KmemCache mmCache;
    private final Slub.KmemCache vmaCache;

    public Mmap(Kernel kernel, Pgtable pgtable, Memory memory) {
        this.kernel = kernel;
        this.pgtable = pgtable;
        this.memory = memory;
        this.mmCache = kernel.slab().kmem_cache_create("mm_struct", 1088);
        this.vmaCache = kernel.slab().kmem_cache_create("vm_area_struct", 152);
    }

    // ---------------------------------------------------------------- address spaces

    /** mm_alloc: an empty address space with its root page table, or null when memory ran out. */
    public MmStruct mm_alloc() {
        long addr = kernel.slab().kmem_cache_alloc(mmCache, Gfp.GFP_KERNEL);
        if (addr == 0) {
            return null;
        }
        long pgd = pgtable.pgd_alloc();
        if (pgd == PageAlloc.NO_PAGE) {
            kernel.slab().kmem_cache_free(mmCache, addr);
            return null;
        }
        MmStruct mm = new MmStruct(addr, pgd);
        mm.mmap_base = MMAP_BASE;
        return mm;
    }

    /** mmput: drops a user of the address space; the last one tears it down (exit_mmap). */
    public void mmput(MmStruct mm) {
        if (--mm.mm_users == 0) {
            exit_mmap(mm);
        }
    }

    /** exit_mmap: every mapping, page and page table goes back. */
    void exit_mmap(MmStruct mm) {
        for (VmAreaStruct vma : List.copyOf(mm.mm_mt.values())) {
            remove_vma(mm, vma);
        }
        // the root frame may come back as another address space's: no hart may know it
        kernel.tlbflush().flush_tlb_mm(mm);
        pgtable.free_pgd(mm.pgd);
        kernel.slab().kmem_cache_free(mmCache, mm.kaddr);
    }

    /**
     * dup_mmap (kernel/fork.c): the child's copy of every mapping, its pages shared copy-on-write.
     * False when memory ran out (the caller frees what was made).
     */
    public boolean dup_mmap(MmStruct mm, MmStruct oldmm) {
        mm.start_code = oldmm.start_code;
        mm.end_code = oldmm.end_code;
        mm.start_data = oldmm.start_data;
        mm.end_data = oldmm.end_data;
        mm.start_brk = oldmm.start_brk;
        mm.brk = oldmm.brk;
        mm.start_stack = oldmm.start_stack;
        mm.arg_start = oldmm.arg_start;
        mm.arg_end = oldmm.arg_end;
        mm.env_start = oldmm.env_start;
        mm.env_end = oldmm.env_end;
        mm.mmap_base = oldmm.mmap_base;
        mm.exe_file = oldmm.exe_file;
        mm.vdso = oldmm.vdso;
        for (VmAreaStruct vma : oldmm.mm_mt.values()) {
            VmAreaStruct copy = vm_area_alloc(mm, vma.vm_start, vma.vm_end, vma.vm_flags, vma.name);
            if (copy == null) {
                return false;
            }
            copy.vm_pgoff = vma.vm_pgoff;
            copy.shared = null;
            if (vma.shared != null) {
                copy.shared = vma.shared;
                vma.shared.users++;
            }
            if (vma.vm_file != null) {
                copy.vm_file = org.jstap.sim.fs.FileTable.get_file(vma.vm_file);
            }
            insert_vm_struct(mm, copy);
            if (!memory.copy_page_range(mm, oldmm, vma)) {
                kernel.tlbflush().flush_tlb_mm(oldmm);
                return false;
            }
        }
        // the parent's private pages are read-only now: its harts must fault to copy them
        kernel.tlbflush().flush_tlb_mm(oldmm);
        return true;
    }

    // ---------------------------------------------------------------- mappings

    VmAreaStruct vm_area_alloc(MmStruct mm, long start, long end, long flags, String name) {
        long addr = kernel.slab().kmem_cache_alloc(vmaCache, Gfp.GFP_KERNEL);
        return addr == 0 ? null : new VmAreaStruct(mm, addr, start, end, flags, name);
    }

    void insert_vm_struct(MmStruct mm, VmAreaStruct vma) {
        mm.mm_mt.put(vma.vm_start, vma);
        mm.map_count++;
        mm.total_vm += vma.pages();
    }

    /** Unmaps all of a mapping and frees it. */
    private void remove_vma(MmStruct mm, VmAreaStruct vma) {
        memory.zap_page_range(vma, vma.vm_start, vma.vm_end);
        mm.mm_mt.remove(vma.vm_start);
        mm.map_count--;
        mm.total_vm -= vma.pages();
        if (vma.shared != null) {
            memory.shmem_release(vma.shared);
        }
        if (vma.vm_file != null) {
            kernel.vfs().file_table().fput(vma.vm_file);
            vma.vm_file = null;
        }
        kernel.slab().kmem_cache_free(vmaCache, vma.kaddr);
    }

    /** calc_vm_prot_bits and calc_vm_flag_bits: a mapping's vm_flags from mmap's prot and flags. */
    static long vm_flags(int prot, int flags) {
        long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
        if ((prot & PROT_READ) != 0) {
            vm |= VM_READ;
        }
        if ((prot & PROT_WRITE) != 0) {
            vm |= VM_WRITE;
        }
        if ((prot & PROT_EXEC) != 0) {
            vm |= VM_EXEC;
        }
        if ((flags & MAP_SHARED) != 0) {
            vm |= VM_SHARED | VM_MAYSHARE;
        }
        if ((flags & MAP_GROWSDOWN) != 0) {
            vm |= VmAreaStruct.VM_GROWSDOWN;
        }
        return vm;
    }

    /** get_unmapped_area, top-down: the highest gap of {@code len} bytes below mmap_base. */
    long get_unmapped_area(MmStruct mm, long len) {
        long end = mm.mmap_base;
        for (VmAreaStruct vma : mm.mm_mt.descendingMap().values()) {
            if (vma.vm_start >= end) {
                if (vma.vm_start < mm.mmap_base) {
                    end = Math.min(end, vma.vm_start);
                }
                continue;
            }
            if (vma.vm_end <= end - len) {
                return end - len;
            }
            end = vma.vm_start;
        }
        return end - len >= MMAP_MIN_ADDR ? end - len : -Errno.ENOMEM;
    }

    /**
     * do_mmap for anonymous memory: maps {@code len} bytes (rounded up to pages) and returns the
     * address, or -errno.
     */
    public long do_mmap(MmStruct mm, long addr, long len, int prot, int flags, long pgoff) {
        return do_mmap(mm, addr, len, prot, flags, pgoff, null);
    }

    /**
     * vm_mmap (mm/util.c): a mapping the kernel makes for itself, as binfmt_elf maps a program's
     * segments: {@code file} (null: anonymous) from byte {@code off}, in {@code mm}. The address, or
     * -errno.
     */
    public long vm_mmap(MmStruct mm, org.jstap.sim.fs.File file, long addr, long len, int prot, int flags, long off) {
        if (Page.offset_in_page(off)) {
            return -Errno.EINVAL;
        }
        return do_mmap(mm, addr, len, prot, flags, off >>> Page.PAGE_SHIFT, file);
    }

    /** do_mmap of {@code file} (null: anonymous) from page {@code pgoff} on. */
    long do_mmap(MmStruct mm, long addr, long len, int prot, int flags, long pgoff, org.jstap.sim.fs.File file) {
        int type = flags & (MAP_SHARED | MAP_PRIVATE);
        if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE)) {
            return -Errno.EINVAL;
        }
        len = Page.PAGE_ALIGN(len);
        if (len == 0 || len > TASK_SIZE) {
            return -Errno.ENOMEM;
        }
        if (mm.map_count >= MAX_MAP_COUNT) {
            return -Errno.ENOMEM;
        }
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed) {
            if (Page.offset_in_page(addr)) {
                return -Errno.EINVAL;
            }
            if (addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE || addr + len < addr) {
                return (flags & MAP_FIXED) != 0 && addr + len <= TASK_SIZE ? -Errno.EPERM : -Errno.ENOMEM;
            }
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && (flags & MAP_FIXED) == 0 && intersects(mm, addr, addr + len)) {
                return -Errno.EEXIST;
            }
            long r = do_munmap(mm, addr, len);
            if (r < 0) {
                return r;
            }
        } else {
            // a hint is used only when the range is free
            long hint = Page.PAGE_ALIGN(addr);
            if (addr != 0 && hint >= MMAP_MIN_ADDR && hint + len <= TASK_SIZE && !intersects(mm, hint, hint + len)) {
                addr = hint;
            } else {
                addr = get_unmapped_area(mm, len);
                if (addr < 0) {
                    return addr;
                }
            }
        }
        long vmFlags = vm_flags(prot, flags);
        if (file != null) {
            if (!file.writable() && (flags & MAP_SHARED) != 0) {
                // a read-only file's shared mapping can never be made writable
                vmFlags &= ~(VM_MAYWRITE);
            }
            return mmap_file_region(mm, addr, len, vmFlags, pgoff, file, (flags & MAP_POPULATE) != 0);
        }
        return mmap_region(mm, addr, len, vmFlags, pgoff, "", (flags & MAP_POPULATE) != 0);
    }

    /** mmap_region for a file: a mapping of its own, holding the file, named by its path. */
    private long mmap_file_region(MmStruct mm, long addr, long len, long vmFlags, long pgoff,
                                  org.jstap.sim.fs.File file, boolean populate) {
        String name = org.jstap.sim.fs.Dcache.d_path(file.f_path, kernel.vfs().current_fs().root);
        VmAreaStruct vma = vm_area_alloc(mm, addr, addr + len, vmFlags, name);
        if (vma == null) {
            return -Errno.ENOMEM;
        }
        vma.vm_pgoff = pgoff;
        vma.shared = null;
        vma.vm_file = org.jstap.sim.fs.FileTable.get_file(file);
        insert_vm_struct(mm, vma);
        if (populate) {
            for (long a = addr; a < addr + len; a += Page.PAGE_SIZE) {
                memory.handle_mm_fault(vma, a, 0);
            }
        }
        return addr;
    }

    /** mmap_region: the new mapping (extending a compatible neighbour, as vma_merge would). */
    public long mmap_region(MmStruct mm, long addr, long len, long vmFlags, long pgoff, String name, boolean populate) {
        VmAreaStruct prev = mm.vma_lookup(addr - 1);
        if (prev != null && prev.vm_end == addr && prev.vm_flags == vmFlags && prev.shared == null && prev.vm_file == null
                && (vmFlags & VM_SHARED) == 0 && prev.name.equals(name)) {
            mm.total_vm += len >>> Page.PAGE_SHIFT;
            prev.vm_end = addr + len;
        } else {
            VmAreaStruct vma = vm_area_alloc(mm, addr, addr + len, vmFlags, name);
            if (vma == null) {
                return -Errno.ENOMEM;
            }
            vma.vm_pgoff = pgoff;
            insert_vm_struct(mm, vma);
        }
        if (populate) {
            VmAreaStruct vma = mm.vma_lookup(addr);
            int fault = (vmFlags & VM_WRITE) != 0 ? Memory.FAULT_FLAG_WRITE : 0;
            for (long a = addr; a < addr + len; a += Page.PAGE_SIZE) {
                memory.handle_mm_fault(vma, a, fault);
            }
        }
        return addr;
    }

    private static boolean intersects(MmStruct mm, long start, long end) {
        VmAreaStruct vma = mm.find_vma(start);
        return vma != null && vma.vm_start < end;
    }

    /**
     * do_munmap: unmaps [start, start+len); mappings that straddle an edge are split first.
     * Returns 0 or -errno.
     */
    public long do_munmap(MmStruct mm, long start, long len) {
        // unsigned, as in do_vmi_munmap: a kernel-half address is above TASK_SIZE, not negative
        if (Page.offset_in_page(start) || Long.compareUnsigned(start, TASK_SIZE) > 0
                || Long.compareUnsigned(len, TASK_SIZE - start) > 0) {
            return -Errno.EINVAL;
        }
        len = Page.PAGE_ALIGN(len);
        if (len == 0) {
            return -Errno.EINVAL;
        }
        long end = start + len;
        for (VmAreaStruct vma : overlapping(mm, start, end)) {
            VmAreaStruct inside = split_range(mm, vma, start, end);
            if (inside == null) {
                return -Errno.ENOMEM;
            }
            remove_vma(mm, inside);
        }
        return 0;
    }

    private static List<VmAreaStruct> overlapping(MmStruct mm, long start, long end) {
        List<VmAreaStruct> out = new ArrayList<>();
        for (VmAreaStruct vma : mm.mm_mt.subMap(mm.mm_mt.floorKey(start) == null ? start : mm.mm_mt.floorKey(start), end)
                .values()) {
            if (vma.vm_end > start) {
                out.add(vma);
            }
        }
        return out;
    }

    /** Splits {@code vma} so that the part within [start, end) is a mapping of its own; returns it. */
    private VmAreaStruct split_range(MmStruct mm, VmAreaStruct vma, long start, long end) {
        if (vma.vm_start < start && __split_vma(mm, vma, start) == null) {
            return null;
        }
        VmAreaStruct inside = mm.vma_lookup(Math.max(start, vma.vm_start));
        if (inside.vm_end > end && __split_vma(mm, inside, end) == null) {
            return null;
        }
        return inside;
    }

    /** __split_vma: cuts a mapping in two at {@code addr}; returns the upper part. */
    VmAreaStruct __split_vma(MmStruct mm, VmAreaStruct vma, long addr) {
        if (mm.map_count >= MAX_MAP_COUNT) {
            return null;
        }
        VmAreaStruct upper = vm_area_alloc(mm, addr, vma.vm_end, vma.vm_flags, vma.name);
        if (upper == null) {
            return null;
        }
        upper.vm_pgoff = vma.vm_pgoff + ((addr - vma.vm_start) >>> Page.PAGE_SHIFT);
        upper.shared = null;
        if (vma.shared != null) {
            upper.shared = vma.shared;
            vma.shared.users++;
        }
        if (vma.vm_file != null) {
            upper.vm_file = org.jstap.sim.fs.FileTable.get_file(vma.vm_file);
        }
        vma.vm_end = addr;
        mm.total_vm -= upper.pages();
        insert_vm_struct(mm, upper);
        return upper;
    }

    /** expand_downwards: a stack mapping now starts at {@code start}. */
    public void expand_downwards(VmAreaStruct vma, long start) {
        MmStruct mm = vma.vm_mm;
        mm.mm_mt.remove(vma.vm_start);
        mm.total_vm += (vma.vm_start - start) >>> Page.PAGE_SHIFT;
        vma.vm_pgoff -= (vma.vm_start - start) >>> Page.PAGE_SHIFT;
        vma.vm_start = start;
        mm.mm_mt.put(start, vma);
    }

    // ---------------------------------------------------------------- brk and mprotect

    /**
     * sys_brk: moves the end of the heap to {@code brk} if it can; returns the (possibly unchanged)
     * end, as Linux does: brk never fails with an error code.
     */
    public long brk(MmStruct mm, long brk) {
        if (brk < mm.start_brk) {
            return mm.brk;
        }
        long newbrk = Page.PAGE_ALIGN(brk);
        long oldbrk = Page.PAGE_ALIGN(mm.brk);
        if (newbrk == oldbrk) {
            mm.brk = brk;
            return brk;
        }
        if (brk <= mm.brk) {
            if (do_munmap(mm, newbrk, oldbrk - newbrk) < 0) {
                return mm.brk;
            }
            mm.brk = brk;
            return brk;
        }
        VmAreaStruct next = mm.find_vma(oldbrk);
        if (next != null && newbrk > next.vm_start && !(next.vm_start == mm.start_brk && next.name.equals("[heap]"))) {
            return mm.brk;
        }
        if (do_brk_flags(mm, oldbrk, newbrk - oldbrk) < 0) {
            return mm.brk;
        }
        mm.brk = brk;
        return brk;
    }

    /** do_brk_flags: extends the heap mapping (or makes it) by {@code len} bytes at {@code addr}. */
    long do_brk_flags(MmStruct mm, long addr, long len) {
        long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
        return mmap_region(mm, addr, len, flags, addr >>> Page.PAGE_SHIFT, "[heap]", false);
    }

    /**
     * do_mprotect_pkey (mm/mprotect.c): new permissions for [start, start+len). The range must be
     * mapped throughout (ENOMEM otherwise); present pages lose rights at once, and gain write
     * access at their next fault (which keeps copy-on-write pages safe).
     */
    public long mprotect(MmStruct mm, long start, long len, int prot) {
        if (Page.offset_in_page(start) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
            return -Errno.EINVAL;
        }
        len = Page.PAGE_ALIGN(len);
        long end = start + len;
        if (end < start) {
            return -Errno.ENOMEM;
        }
        if (len == 0) {
            return 0;
        }
        long covered = start;
        List<VmAreaStruct> vmas = overlapping(mm, start, end);
        for (VmAreaStruct vma : vmas) {
            if (vma.vm_start > covered) {
                return -Errno.ENOMEM;
            }
            if ((prot & PROT_WRITE) != 0 && (vma.vm_flags & VM_MAYWRITE) == 0) {
                return -Errno.EACCES;
            }
            covered = vma.vm_end;
        }
        if (covered < end) {
            return -Errno.ENOMEM;
        }
        for (VmAreaStruct vma : vmas) {
            VmAreaStruct inside = split_range(mm, vma, start, end);
            if (inside == null) {
                return -Errno.ENOMEM;
            }
            long newFlags = (inside.vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | (vm_flags(prot, 0) & (VM_READ | VM_WRITE
                    | VM_EXEC));
            inside.vm_flags = newFlags;
            change_protection(inside);
        }
        return 0;
    }

    /** change_protection: rewrites the present entries of a mapping for its new flags. */
    private void change_protection(VmAreaStruct vma) {
        long prot = Memory.vm_get_page_prot(vma.vm_flags);
        pgtable.walk_range(vma.vm_mm.pgd, vma.vm_start, vma.vm_end, (pteAddr, pte, va) -> {
            // a private page gains write access only through its next fault (it may be shared COW)
            long keepWrite = vma.shared != null ? ~0L : ~Mmu.PTE_W | (pte & Mmu.PTE_W);
            long bits = prot & keepWrite;
            long flagsMask = Mmu.PTE_R | Mmu.PTE_W | Mmu.PTE_X | Mmu.PTE_U | Mmu.PTE_V;
            pgtable.set_pte_at(pteAddr, (pte & ~flagsMask) | bits);
        });
        kernel.tlbflush().flush_tlb_range(vma.vm_mm, vma.vm_start, vma.vm_end);
    }

    // ---------------------------------------------------------------- the syscalls

    private MmStruct current_mm() {
        return kernel.sched().current().mm;
    }

    /** brk(2). */
    public long __do_sys_brk(long brk) {
        return brk(current_mm(), brk);
    }

    /**
     * mmap(2): anonymous memory, or a regular file's pages (shared: the page cache itself;
     * private: copied on the first write). EBADF for a bad descriptor, EACCES when the file's
     * open mode does not allow the mapping, ENODEV for files that cannot be mapped.
     */
    public long __do_sys_mmap(long addr, long len, long prot, long flags, long fd, long off) {
        if ((off & (Page.PAGE_SIZE - 1)) != 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & MAP_ANONYMOUS) != 0) {
            return do_mmap(current_mm(), addr, len, (int) prot, (int) flags, 0);
        }
        var file = kernel.vfs().files().fget((int) fd);
        if (file == null || fd < 0 || fd > Integer.MAX_VALUE) {
            return -Errno.EBADF;
        }
        int type = (int) flags & (MAP_SHARED | MAP_PRIVATE);
        if (type != MAP_SHARED && type != MAP_PRIVATE) {
            return -Errno.EINVAL;
        }
        if (!file.readable() || (type == MAP_SHARED && (prot & PROT_WRITE) != 0
                && (!file.writable() || (file.f_flags & org.jstap.sim.fs.Fcntl.O_APPEND) != 0))) {
            return -Errno.EACCES;
        }
        if (!org.jstap.sim.fs.Mode.S_ISREG(file.f_inode.i_mode)) {
            return -Errno.ENODEV;
        }
        if ((file.f_path.mnt().mnt_flags & org.jstap.sim.fs.VfsMount.MNT_NOEXEC) != 0 && (prot & PROT_EXEC) != 0) {
            return -Errno.EPERM;
        }
        return do_mmap(current_mm(), addr, len, (int) prot, (int) flags, off >>> Page.PAGE_SHIFT, file);
    }

    /** munmap(2). */
    public long __do_sys_munmap(long addr, long len) {
        return do_munmap(current_mm(), addr, len);
    }

    /** mprotect(2). */
    public long __do_sys_mprotect(long start, long len, long prot) {
        return mprotect(current_mm(), start, len, (int) prot);
    }
}
