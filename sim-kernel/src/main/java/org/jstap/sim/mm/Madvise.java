package org.jstap.sim.mm;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * mm/madvise.c: advice about how a range of memory will be used. The access-pattern hints
 * (NORMAL, RANDOM, SEQUENTIAL) are recorded in the mappings' flags, splitting a mapping at the
 * range's edges as Linux does; WILLNEED would start swap-in or read-ahead, and with no swap and
 * no files there is nothing to bring in; DONTNEED drops the pages, so private anonymous memory
 * reads back as zeros and shared memory as its object still holds it.
 *
 * <p>The other advice values Linux knows (FREE, REMOVE, DONTFORK, HUGEPAGE, ...) are not
 * implemented and, like unknown ones, are EINVAL.
 */
@LinuxFile("mm/madvise.c")
public final class Madvise {
    public static final int MADV_NORMAL = 0;
    public static final int MADV_RANDOM = 1;
    public static final int MADV_SEQUENTIAL = 2;
    public static final int MADV_WILLNEED = 3;
    public static final int MADV_DONTNEED = 4;
    /** vm_flags bits the access hints set (include/linux/mm.h). */
    public static final long VM_SEQ_READ = 0x00008000;
    public static final long VM_RAND_READ = 0x00010000;

    private final Kernel kernel;
    private final Memory memory;

    public Madvise(Kernel kernel) {
        this.kernel = kernel;
        this.memory = kernel.memory();
    }

    /** madvise_behavior_valid. */
    static boolean madvise_behavior_valid(int behavior) {
        return behavior >= MADV_NORMAL && behavior <= MADV_DONTNEED;
    }

    /**
     * do_madvise: {@code start} must be page aligned; the length is rounded up to pages. The advice
     * applies to every mapped part of the range; a hole in it makes the result ENOMEM, after the
     * mapped parts have been advised.
     */
    public long do_madvise(MmStruct mm, long start, long len_in, int behavior) {
        if (!madvise_behavior_valid(behavior) || Page.offset_in_page(start)) {
            return -Errno.EINVAL;
        }
        long len = Page.PAGE_ALIGN(len_in);
        // a length so large that rounding it up wrapped to 0, or a range that wraps
        long end = start + len;
        if ((len_in != 0 && len == 0) || Long.compareUnsigned(end, start) < 0) {
            return -Errno.EINVAL;
        }
        if (end == start) {
            return 0;
        }
        if (Long.compareUnsigned(start, Mmap.TASK_SIZE) >= 0) {
            // above every mapping: find_vma finds none
            return -Errno.ENOMEM;
        }
        long beyond = 0;
        if (Long.compareUnsigned(end, Mmap.TASK_SIZE) > 0) {
            // the part above user space is a hole, as unmapped memory is
            end = Mmap.TASK_SIZE;
            beyond = -Errno.ENOMEM;
        }
        long r = madvise_walk_vmas(mm, start, end, behavior);
        return r != 0 ? r : beyond;
    }

    /** madvise_walk_vmas: each mapping in [start, end) in turn; ENOMEM at the end if there was a hole. */
    long madvise_walk_vmas(MmStruct mm, long start, long end, int behavior) {
        long unmappedError = 0;
        while (true) {
            VmAreaStruct vma = mm.find_vma(start);
            if (vma == null) {
                return -Errno.ENOMEM;
            }
            if (start < vma.vm_start) {
                unmappedError = -Errno.ENOMEM;
                start = vma.vm_start;
                if (start >= end) {
                    break;
                }
            }
            long tmp = Math.min(end, vma.vm_end);
            long error = madvise_vma_behavior(mm, vma, start, tmp, behavior);
            if (error != 0) {
                return error;
            }
            start = tmp;
            if (start >= end) {
                break;
            }
        }
        return unmappedError;
    }

    /** madvise_vma_behavior: one mapping's part [start, end). */
    long madvise_vma_behavior(MmStruct mm, VmAreaStruct vma, long start, long end, int behavior) {
        switch (behavior) {
            case MADV_WILLNEED:
                // madvise_willneed: anonymous memory would be swapped in; there is no swap
                return 0;
            case MADV_DONTNEED:
                // madvise_dontneed_single_vma
                memory.zap_page_range(vma, start, end);
                return 0;
            default:
                long flags = vma.vm_flags & ~(VM_SEQ_READ | VM_RAND_READ);
                if (behavior == MADV_SEQUENTIAL) {
                    flags |= VM_SEQ_READ;
                } else if (behavior == MADV_RANDOM) {
                    flags |= VM_RAND_READ;
                }
                return madvise_update_vma(mm, vma, start, end, flags);
        }
    }

    /**
     * madvise_update_vma: the new flags for exactly [start, end) of the mapping, splitting it at
     * the edges first (ENOMEM if the split would pass the map count limit).
     */
    long madvise_update_vma(MmStruct mm, VmAreaStruct vma, long start, long end, long newFlags) {
        if (newFlags == vma.vm_flags) {
            return 0;
        }
        Mmap mmap = kernel.mmap();
        if (start != vma.vm_start) {
            vma = mmap.__split_vma(mm, vma, start);
            if (vma == null) {
                return -Errno.ENOMEM;
            }
        }
        if (end != vma.vm_end && mmap.__split_vma(mm, vma, end) == null) {
            return -Errno.ENOMEM;
        }
        vma.vm_flags = newFlags;
        return 0;
    }

    /** madvise(2). */
    public long __do_sys_madvise(long start, long len, int behavior) {
        return do_madvise(kernel.sched().current().mm, start, len, behavior);
    }
}
