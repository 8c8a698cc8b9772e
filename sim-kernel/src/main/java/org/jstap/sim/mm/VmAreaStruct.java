package org.jstap.sim.mm;

import org.jstap.sim.kernel.KernelObject;

/**
 * struct vm_area_struct: one mapping of an address space, [vm_start, vm_end) with one set of
 * permissions. Guarded by its mm's mmap_lock (here: the machine's single running thread).
 */
public final class VmAreaStruct implements KernelObject {
    /** vm_flags bits (include/linux/mm.h). */
    public static final long VM_READ = 0x1;
    public static final long VM_WRITE = 0x2;
    public static final long VM_EXEC = 0x4;
    public static final long VM_SHARED = 0x8;
    public static final long VM_MAYREAD = 0x10;
    public static final long VM_MAYWRITE = 0x20;
    public static final long VM_MAYEXEC = 0x40;
    public static final long VM_MAYSHARE = 0x80;
    public static final long VM_GROWSDOWN = 0x100;

    public long vm_start;
    public long vm_end;
    public long vm_flags;
    /** Offset in the mapped object, in pages. */
    public long vm_pgoff;
    public final MmStruct vm_mm;
    /** What /proc/PID/maps shows in the last column: a path, [heap], [stack], or empty. */
    public String name;
    /** The file a file mapping shows (vm_file; it holds a reference), or null for anonymous memory. */
    public org.jstap.sim.fs.File vm_file;
    /** The object behind a shared anonymous mapping, whose pages every process mapping it sees. */
    Shmem shared;
    final long kaddr;

    VmAreaStruct(MmStruct mm, long kaddr, long start, long end, long flags, String name) {
        this.vm_mm = mm;
        this.kaddr = kaddr;
        this.vm_start = start;
        this.vm_end = end;
        this.vm_flags = flags;
        this.name = name;
        if ((flags & VM_SHARED) != 0) {
            shared = new Shmem();
        }
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    /** is_cow_mapping: private and writable at some point, so fork shares its pages copy-on-write. */
    public boolean is_cow_mapping() {
        return (vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
    }

    public long pages() {
        return (vm_end - vm_start) >>> 12;
    }

    @Override
    public String toString() {
        return String.format("%x-%x %s", vm_start, vm_end, name);
    }
}
