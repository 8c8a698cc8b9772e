package org.jstap.sim.arch.riscv;

import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.Signals;

/**
 * arch/riscv/kernel/traps.c and entry.S: the ways into the kernel from user mode and back.
 * {@code do_trap_ecall_u} is the syscall path: number in a7, arguments in a0-a5, dispatch through
 * {@code sys_call_table}, result in a0, with the raw_syscalls tracepoints around it. Every return
 * to user mode passes {@code exit_to_user_mode}, where pending signals are taken.
 */
@LinuxFile("arch/riscv/kernel/traps.c")
public final class Traps {
    /** Virtual cost of a trap into the kernel and back. */
    static final long TRAP_NS = 50;
    /** si_code values of the synchronous signals (include/uapi/asm-generic/siginfo.h). */
    static final int ILL_ILLOPC = 1;
    static final int TRAP_BRKPT = 1;
    static final int BUS_ADRALN = 1;

    private final Kernel kernel;
    private final SyscallTable table;
    private final SignalFrames frames;
    private final Entry entry;

    public Traps(Kernel kernel) {
        this.kernel = kernel;
        this.table = new SyscallTable(kernel);
        this.frames = new SignalFrames(kernel);
        this.entry = new Entry(kernel, this);
    }

    /** The hart's way in and out of the kernel for programs that run as instructions. */
    public Entry entry() {
        return entry;
    }

    public SyscallTable syscall_table() {
        return table;
    }

    public SignalFrames signal_frames() {
        return frames;
    }

    /** ret_from_fork for a user task: straight back to user mode, where its registers say. */
    public void ret_from_fork(TaskStruct p) {
        UserMode.run(kernel, p);
    }

    /** do_trap_ecall_u: a system call. */
    public void do_trap_ecall_u(PtRegs regs) {
        regs.epc += 4;
        regs.orig_a0 = regs.a(0);
        long nr = regs.x[PtRegs.A7];
        kernel.trace().sys_enter(regs, nr);
        long ret;
        try {
            ret = table.invoke(nr, regs);
        } catch (RuntimeException | StackOverflowError | AssertionError bug) {
            // a Java exception out of a syscall is a kernel bug: an oops, and the task dies of it
            kernel.oops(bug, kernel.sched().current());
            kernel.exit().make_task_dead(Signals.SIGSEGV);
            return;
        }
        regs.set_a(0, ret);
        kernel.trace().sys_exit(regs, ret);
        kernel.sched().charge(TRAP_NS);
        // after rt_sigreturn, a0 is the interrupted code's own value, not a result to restart
        exit_to_user_mode(regs, nr != SyscallTable.__NR_rt_sigreturn);
    }

    /** A page fault from user mode: resolved, or SIGSEGV (or, out of memory, the OOM killer's work). */
    public void do_page_fault(PtRegs regs, long addr, Mmu.Access access) {
        TaskStruct current = kernel.sched().current();
        int r = kernel.fault().do_page_fault(current.mm, addr, access);
        if (r == Fault.VM_FAULT_OOM) {
            // pagefault_out_of_memory: the OOM killer has chosen; retry once the victim is gone
            kernel.sched().schedule_timeout(1_000_000);
        } else if (r == Fault.VM_FAULT_SIGBUS) {
            kernel.signal().force_sig_fault(Signals.SIGBUS, Fault.BUS_ADRERR, addr);
        } else if (r != Fault.OK) {
            kernel.signal().force_sig_fault(Signals.SIGSEGV, r, addr);
        }
        exit_to_user_mode(regs, false);
    }

    /** An instruction fetch from an address with no code: SIGSEGV at that address. */
    public void do_bad_fetch(PtRegs regs, long pc) {
        kernel.signal().force_sig_fault(Signals.SIGSEGV, Fault.SEGV_ACCERR, pc);
        exit_to_user_mode(regs, false);
    }

    /** User code ran for {@code ns}: the timer may have preempted it; signals are taken on return. */
    public void do_user_time(PtRegs regs, long ns) {
        account_user(ns);
        exit_to_user_mode(regs, false);
    }

    /** The time a hart spent in user mode before it trapped: user time, and a preemption point. */
    void account_user(long ns) {
        // counted before the charge, which may switch away: the time is spent by then
        org.jstap.sim.kernel.sched.Cputime.account_user_time(kernel.sched().current(), ns);
        kernel.sched().charge(ns);
    }

    /** do_trap_insn_illegal: SIGILL (ILL_ILLOPC) at the instruction. */
    public void do_trap_insn_illegal(PtRegs regs) {
        kernel.signal().force_sig_fault(Signals.SIGILL, ILL_ILLOPC, regs.epc);
        exit_to_user_mode(regs, false);
    }

    /** do_trap_break: an ebreak in user mode is SIGTRAP (TRAP_BRKPT) at the instruction. */
    public void do_trap_break(PtRegs regs) {
        kernel.signal().force_sig_fault(Signals.SIGTRAP, TRAP_BRKPT, regs.epc);
        exit_to_user_mode(regs, false);
    }

    /**
     * do_trap_load_misaligned / do_trap_store_misaligned for what the misaligned-access handler
     * cannot emulate (atomics): SIGBUS (BUS_ADRALN) at the address.
     */
    public void do_trap_misaligned(PtRegs regs, long addr) {
        kernel.signal().force_sig_fault(Signals.SIGBUS, BUS_ADRALN, addr);
        exit_to_user_mode(regs, false);
    }

    /** exit_to_user_mode_loop: reschedule if asked, then deliver signals. */
    void exit_to_user_mode(PtRegs regs, boolean fromSyscall) {
        TaskStruct current = kernel.sched().current();
        if (kernel.signal().signal_pending(current)) {
            frames.arch_do_signal_or_restart(regs, fromSyscall);
        }
    }
}
