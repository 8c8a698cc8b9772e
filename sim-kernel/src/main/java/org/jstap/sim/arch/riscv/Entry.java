package org.jstap.sim.arch.riscv;

import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.riscv.Hart;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * arch/riscv/kernel/entry.S for tasks whose program is machine code (binfmt_elf): return to user
 * mode puts the task's saved registers on its CPU's hart and lets it run; the exception that
 * stops the hart comes back through {@code handle_exception}, which saves the registers and
 * dispatches on scause to the same handlers Java-written programs reach: the syscall path for
 * ecall, the page fault handler, SIGILL/SIGTRAP/SIGBUS, and for the timer the accounting and
 * preemption point of {@link Traps#do_user_time}. The hart runs at most until the next event
 * the machine has due, so interrupts and the tick land between instructions.
 *
 * <pre>{@code
 * kernel.traps().entry().ret_to_user(task);   // returns when exec replaces the program
 * }</pre>
 */
@LinuxFile("arch/riscv/kernel/entry.S")
public final class Entry {
    private final Kernel kernel;
    private final Traps traps;

    Entry(Kernel kernel, Traps traps) {
        this.kernel = kernel;
        this.traps = traps;
    }

    /** ret_to_user: runs the task's program on the hart until an exec replaces it (or the task dies). */
    public void ret_to_user(TaskStruct task) {
        int execId = task.self_exec_id;
        while (task.self_exec_id == execId) {
            PtRegs regs = task.regs;
            Hart hart = kernel.hardware().hart(task.cpu());
            long budget = Math.max(1, kernel.sched().budget_left_ns() / Hart.NS_PER_INSN);
            hart.pc = regs.epc;
            hart.fpu().set_fcsr(regs.fcsr);
            int cause = hart.run(regs.x, regs.f, task.mm.pgd, budget);
            regs.epc = hart.pc;
            regs.fcsr = hart.fpu().fcsr();
            handle_exception(regs, cause, hart.stval, hart.retired * Hart.NS_PER_INSN);
        }
    }

    /** handle_exception: the hart stopped with {@code scause}; its work so far is user time. */
    void handle_exception(PtRegs regs, int scause, long stval, long userNs) {
        if (scause == Hart.CAUSE_TIMER_INTERRUPT) {
            traps.do_user_time(regs, userNs);
            return;
        }
        traps.account_user(userNs);
        switch (scause) {
            case Hart.CAUSE_USER_ECALL -> traps.do_trap_ecall_u(regs);
            case Hart.CAUSE_LOAD_PAGE_FAULT -> traps.do_page_fault(regs, stval, Mmu.Access.LOAD);
            case Hart.CAUSE_STORE_PAGE_FAULT -> traps.do_page_fault(regs, stval, Mmu.Access.STORE);
            case Hart.CAUSE_FETCH_PAGE_FAULT -> traps.do_page_fault(regs, stval, Mmu.Access.FETCH);
            case Hart.CAUSE_ILLEGAL_INSTRUCTION -> traps.do_trap_insn_illegal(regs);
            case Hart.CAUSE_BREAKPOINT -> traps.do_trap_break(regs);
            case Hart.CAUSE_LOAD_MISALIGNED, Hart.CAUSE_STORE_MISALIGNED -> traps.do_trap_misaligned(regs, stval);
            default -> throw new IllegalStateException("scause " + scause);
        }
    }
}
