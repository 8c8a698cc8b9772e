package org.jstap.sim.arch.riscv;

import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Memory;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.mm.VmAreaStruct;

/**
 * arch/riscv/mm/fault.c: what a page fault on a user address means. Inside a mapping that allows
 * the access it is resolved ({@code handle_mm_fault}); below a stack it grows the stack; anywhere
 * else it is a bad access: SIGSEGV for user mode, -EFAULT through the exception fixup for the
 * kernel's own user accesses.
 */
@LinuxFile("arch/riscv/mm/fault.c")
public final class Fault {
    /** Results: resolved, or why not (si_code values SEGV_MAPERR and SEGV_ACCERR, or out of memory). */
    public static final int OK = 0;
    public static final int SEGV_MAPERR = 1;
    public static final int SEGV_ACCERR = 2;
    public static final int VM_FAULT_OOM = -1;
    /** A file mapping's page past the end of the file: SIGBUS with BUS_ADRERR. */
    public static final int VM_FAULT_SIGBUS = -2;
    public static final int BUS_ADRERR = 2;
    /** RLIMIT_STACK's default: how far below its top a stack may grow. */
    public static final long STACK_LIMIT = 8L << 20;

    private final Kernel kernel;

    public Fault(Kernel kernel) {
        this.kernel = kernel;
    }

    /** do_page_fault: resolves a fault at {@code addr} in {@code mm}, or says why it cannot. */
    public int do_page_fault(MmStruct mm, long addr, Mmu.Access access) {
        if (mm == null || addr < 0 || addr >= Mmap.TASK_SIZE) {
            return SEGV_MAPERR;
        }
        VmAreaStruct vma = mm.find_vma(addr);
        if (vma == null) {
            return SEGV_MAPERR;
        }
        if (vma.vm_start > addr && !expand_stack(vma, addr)) {
            return SEGV_MAPERR;
        }
        if (access_error(access, vma)) {
            return SEGV_ACCERR;
        }
        int flags = Memory.FAULT_FLAG_USER | (access == Mmu.Access.STORE ? Memory.FAULT_FLAG_WRITE : 0)
                | (access == Mmu.Access.FETCH ? Memory.FAULT_FLAG_INSTRUCTION : 0);
        int result = kernel.memory().handle_mm_fault(vma, addr, flags);
        var current = kernel.sched().current();
        if (current != null) {
            current.min_flt++;
        }
        if ((result & Memory.VM_FAULT_OOM) != 0) {
            return VM_FAULT_OOM;
        }
        if ((result & Memory.VM_FAULT_SIGBUS) != 0) {
            return VM_FAULT_SIGBUS;
        }
        return (result & Memory.VM_FAULT_SIGSEGV) != 0 ? SEGV_ACCERR : OK;
    }

    static boolean access_error(Mmu.Access access, VmAreaStruct vma) {
        long need = switch (access) {
            case LOAD -> VmAreaStruct.VM_READ;
            case STORE -> VmAreaStruct.VM_WRITE;
            case FETCH -> VmAreaStruct.VM_EXEC;
        };
        return (vma.vm_flags & need) == 0;
    }

    /** expand_stack: a grows-down mapping takes in {@code addr}, within the stack limit. */
    boolean expand_stack(VmAreaStruct vma, long addr) {
        if ((vma.vm_flags & VmAreaStruct.VM_GROWSDOWN) == 0) {
            return false;
        }
        long start = addr & Page.PAGE_MASK;
        if (vma.vm_end - start > STACK_LIMIT) {
            return false;
        }
        VmAreaStruct prev = vma.vm_mm.vma_lookup(start - 1);
        if (prev != null && prev.vm_end > start - Page.PAGE_SIZE) {
            return false;
        }
        kernel.mmap().expand_downwards(vma, start);
        return true;
    }
}
