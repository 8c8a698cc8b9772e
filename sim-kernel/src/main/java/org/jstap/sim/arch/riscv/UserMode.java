package org.jstap.sim.arch.riscv;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.JavaImage;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * A task in user mode, as its program sees the hart: registers, memory through the MMU (a
 * missing or forbidden page traps to the kernel's fault handler), {@code ecall}, and time spent
 * computing (during which interrupts may preempt it). Control transfers follow the registers:
 * after every trap the hart resumes at {@code epc}, which may be a signal handler the kernel set
 * up, or the same ecall again when a syscall restarts.
 */
public final class UserMode {
    private final Kernel kernel;
    private final TaskStruct task;
    private final PtRegs regs;
    private final int execId;

    /** Thrown when exec replaced the program: the old program's frames unwind to the hart's loop. */
    static final class ExecReplaced extends Error {
        ExecReplaced() {
            super(null, null, false, false);
        }
    }

    UserMode(Kernel kernel, TaskStruct task) {
        this.kernel = kernel;
        this.task = task;
        this.regs = task.regs;
        this.execId = task.self_exec_id;
    }

    /**
     * ret_to_user for a task: the hart runs user code from {@code epc} for as long as the task
     * lives; a successful exec starts over in the new image. An ELF program's instructions run on
     * the emulated hart ({@link Entry}), a Java program's here.
     */
    static void run(Kernel kernel, TaskStruct task) {
        while (true) {
            if (task.mm != null && task.mm.exe_file instanceof org.jstap.sim.fs.ElfImage) {
                // machine code: the hart runs it
                kernel.traps().entry().ret_to_user(task);
                continue;
            }
            try {
                new UserMode(kernel, task).execute_until(-1);
            } catch (ExecReplaced e) {
                // the new program starts at its entry
            }
        }
    }

    // ---------------------------------------------------------------- registers

    public long reg(int i) {
        return regs.x[i];
    }

    public void set_reg(int i, long value) {
        if (i != 0) {
            regs.x[i] = value;
        }
    }

    public long sp() {
        return regs.x[PtRegs.SP];
    }

    public void set_sp(long sp) {
        regs.x[PtRegs.SP] = sp;
    }

    // ---------------------------------------------------------------- traps

    /** ecall: the syscall {@code nr} with up to six arguments; returns a0 (a result or -errno). */
    public long ecall(long nr, long... args) {
        regs.x[PtRegs.A7] = nr;
        for (int i = 0; i < 6; i++) {
            regs.set_a(i, i < args.length ? args[i] : 0);
        }
        trap_ecall(JavaImage.ECALL_SITE);
        execute_until(JavaImage.ECALL_SITE + 4);
        return regs.a(0);
    }

    private void trap_ecall(long site) {
        regs.epc = site;
        kernel.traps().do_trap_ecall_u(regs);
        if (task.self_exec_id != execId) {
            throw new ExecReplaced();
        }
    }

    /** Spends {@code ns} of user CPU time; interrupts may preempt, and signals arrive, meanwhile. */
    public void compute(long ns) {
        regs.epc = JavaImage.USER_SITE;
        kernel.traps().do_user_time(regs, ns);
        execute_until(JavaImage.USER_SITE);
    }

    /**
     * Runs what sits at {@code epc} until control comes back to {@code resume}: signal handlers
     * (which return to the vDSO's rt_sigreturn), a restarted ecall, or, for a new task, its whole
     * program.
     */
    private void execute_until(long resume) {
        while (regs.epc != resume) {
            long pc = regs.epc;
            if (pc == JavaImage.ECALL_SITE) {
                // a syscall being restarted: the ecall runs again with the same registers
                trap_ecall(pc);
                continue;
            }
            if (task.mm != null && pc == task.mm.vdso + SignalFrames.VDSO_SIGRETURN) {
                regs.x[PtRegs.A7] = SyscallTable.__NR_rt_sigreturn;
                trap_ecall(pc);
                continue;
            }
            UserCode code = code_at(pc);
            if (code == null) {
                continue;
            }
            long ra = regs.x[PtRegs.RA];
            long result = code.run(this);
            regs.set_a(0, result);
            regs.epc = ra;
        }
    }

    /** The code at {@code pc}, fetched through the MMU; a bad address is a fault (the signal is taken). */
    private UserCode code_at(long pc) {
        JavaImage image = task.mm == null ? null : (JavaImage) task.mm.exe_file;
        if (image == null) {
            return null;
        }
        if (pc == JavaImage.ENTRY) {
            return image_entry(image);
        }
        if (pc == JavaImage.FORK_RETURN) {
            return fork_return(image);
        }
        translate(pc, Mmu.Access.FETCH);
        UserCode code = image.code_at(pc);
        if (code == null) {
            fault_no_code(pc);
        }
        return code;
    }

    /** _start: the program, then exit_group with what it returned. */
    private static UserCode image_entry(JavaImage image) {
        return cpu -> {
            long status = image.main.run(cpu);
            cpu.ecall(SyscallTable.__NR_exit_group, status);
            return status;
        };
    }

    /** What a forked child runs first: the function its parent put in t0, then exit_group. */
    private static UserCode fork_return(JavaImage image) {
        return cpu -> {
            UserCode child = image.code_at(cpu.reg(PtRegs.T0));
            long status = child == null ? 127 : child.run(cpu);
            cpu.ecall(SyscallTable.__NR_exit_group, status);
            return status;
        };
    }

    private void fault_no_code(long pc) {
        regs.epc = pc;
        kernel.traps().do_bad_fetch(regs, pc);
        execute_until(pc);
    }

    /** The text address of {@code code} in the running program (a function pointer). */
    public long text(UserCode code) {
        return ((JavaImage) task.mm.exe_file).text_address(code);
    }

    // ---------------------------------------------------------------- memory

    /** The physical address for a user access, taking page faults (and their signals) until it works. */
    private long translate(long va, Mmu.Access access) {
        while (true) {
            long pa = task.mm == null ? Mmu.FAULT : kernel.mmu().translate(task.mm.pgd, va, access);
            if (pa != Mmu.FAULT) {
                return pa;
            }
            long resume = regs.epc;
            kernel.traps().do_page_fault(regs, va, access);
            execute_until(resume);
        }
    }

    public long ld(long va) {
        byte[] b = new byte[8];
        read(va, b, 0, 8);
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public void sd(long va, long value) {
        byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        write(va, b, 0, 8);
    }

    public int lbu(long va) {
        regs.epc = JavaImage.USER_SITE;
        return kernel.ram().read8(translate(va, Mmu.Access.LOAD));
    }

    public void sb(long va, int value) {
        regs.epc = JavaImage.USER_SITE;
        kernel.ram().write8(translate(va, Mmu.Access.STORE), value);
    }

    /** Loads {@code len} bytes from user memory. */
    public void read(long va, byte[] dst, int off, int len) {
        regs.epc = JavaImage.USER_SITE;
        int done = 0;
        while (done < len) {
            long a = va + done;
            int chunk = (int) Math.min(len - done, Page.PAGE_SIZE - (a & (Page.PAGE_SIZE - 1)));
            kernel.ram().read(translate(a, Mmu.Access.LOAD), dst, off + done, chunk);
            done += chunk;
        }
    }

    /** Stores {@code len} bytes into user memory. */
    public void write(long va, byte[] src, int off, int len) {
        regs.epc = JavaImage.USER_SITE;
        int done = 0;
        while (done < len) {
            long a = va + done;
            int chunk = (int) Math.min(len - done, Page.PAGE_SIZE - (a & (Page.PAGE_SIZE - 1)));
            kernel.ram().write(translate(a, Mmu.Access.STORE), src, off + done, chunk);
            done += chunk;
        }
    }
}
