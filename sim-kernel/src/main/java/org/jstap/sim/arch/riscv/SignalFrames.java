package org.jstap.sim.arch.riscv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.signal.Signal;
import org.jstap.sim.kernel.signal.Signals;

/**
 * arch/riscv/kernel/signal.c: running a signal handler in user mode. The interrupted registers
 * and signal mask are saved in an rt_sigframe on the user stack (siginfo, then a ucontext whose
 * mcontext holds pc, x1-x31, f0-f31 and fcsr); the handler starts with a0 = signal, a1 = &info, a2 = &uc and
 * returns into the vDSO's trampoline, whose rt_sigreturn puts everything back. A syscall
 * interrupted by the signal fails with EINTR, or restarts (SA_RESTART, or when no handler ran).
 */
@LinuxFile("arch/riscv/kernel/signal.c")
public final class SignalFrames {
    /** Offset of __vdso_rt_sigreturn in the vDSO. */
    public static final long VDSO_SIGRETURN = 0x800;
    static final int ERESTARTNOINTR = 513;
    static final int ERESTARTNOHAND = 514;
    static final int ERESTART_RESTARTBLOCK = 516;
    /** sizeof(struct rt_sigframe): siginfo (128) and ucontext (960), 16-byte aligned. */
    static final int FRAME_SIZE = 1088;
    static final int UC = 128;
    static final int UC_SIGMASK = UC + 40;
    static final int UC_MCONTEXT = UC + 176;
    /** sc_fpregs (struct __riscv_d_ext_state) after the 32 general registers of sc_regs: f0-f31, fcsr. */
    static final int UC_FPREGS = UC_MCONTEXT + 256;

    private final Kernel kernel;

    SignalFrames(Kernel kernel) {
        this.kernel = kernel;
    }

    /** arch_do_signal_or_restart. */
    void arch_do_signal_or_restart(PtRegs regs, boolean fromSyscall) {
        Signal.Ksignal ks = kernel.signal().get_signal();
        long ret = regs.a(0);
        if (ks != null) {
            if (fromSyscall) {
                boolean restart = ret == -ERESTARTNOINTR
                        || (ret == -Wait.ERESTARTSYS && (ks.ka().flags() & Signals.SA_RESTART) != 0);
                if (restart) {
                    regs.set_a(0, regs.orig_a0);
                    regs.epc -= 4;
                } else if (ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK || ret == -Wait.ERESTARTSYS) {
                    regs.set_a(0, -Errno.EINTR);
                }
            }
            handle_signal(ks, regs);
        } else if (fromSyscall && (ret == -ERESTARTNOHAND || ret == -Wait.ERESTARTSYS || ret == -ERESTARTNOINTR
                || ret == -ERESTART_RESTARTBLOCK)) {
            // no handler ran: the call starts again, or carries on through restart_syscall
            regs.set_a(0, regs.orig_a0);
            if (ret == -ERESTART_RESTARTBLOCK) {
                regs.x[PtRegs.A7] = SyscallTable.__NR_restart_syscall;
            }
            regs.epc -= 4;
        }
    }

    private void handle_signal(Signal.Ksignal ks, PtRegs regs) {
        TaskStruct t = kernel.sched().current();
        if (!setup_rt_frame(ks, regs, t)) {
            kernel.signal().force_sig_fault(Signals.SIGSEGV, 0, 0);
            return;
        }
        t.blocked |= ks.ka().mask();
        if ((ks.ka().flags() & Signals.SA_NODEFER) == 0) {
            t.blocked |= Signals.sigmask(ks.sig());
        }
        t.blocked &= ~(Signals.sigmask(Signals.SIGKILL) | Signals.sigmask(Signals.SIGSTOP));
    }

    private boolean setup_rt_frame(Signal.Ksignal ks, PtRegs regs, TaskStruct t) {
        long frame = (regs.x[PtRegs.SP] - FRAME_SIZE) & ~15L;
        ByteBuffer b = ByteBuffer.allocate(FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        var info = ks.info();
        b.putInt(0, info.signo()).putInt(4, info.errno()).putInt(8, info.code());
        if (info.signo() == Signals.SIGSEGV || info.signo() == Signals.SIGBUS || info.signo() == Signals.SIGILL
                || info.signo() == Signals.SIGTRAP || info.signo() == Signals.SIGFPE) {
            b.putLong(16, info.addr());
        } else {
            b.putInt(16, info.pid()).putInt(20, info.uid()).putInt(24, info.status());
        }
        b.putLong(UC_SIGMASK, t.blocked);
        b.putLong(UC_MCONTEXT, regs.epc);
        for (int i = 1; i < 32; i++) {
            b.putLong(UC_MCONTEXT + 8 * i, regs.x[i]);
        }
        for (int i = 0; i < 32; i++) {
            b.putLong(UC_FPREGS + 8 * i, regs.f[i]);
        }
        b.putInt(UC_FPREGS + 256, (int) regs.fcsr);
        if (kernel.uaccess().copy_to_user(frame, b.array(), 0, FRAME_SIZE) != 0) {
            return false;
        }
        regs.x[PtRegs.SP] = frame;
        regs.epc = ks.ka().handler();
        regs.x[PtRegs.RA] = (ks.ka().flags() & Signals.SA_RESTORER) != 0 ? ks.ka().restorer()
                : t.mm.vdso + VDSO_SIGRETURN;
        regs.set_a(0, ks.sig());
        regs.set_a(1, frame);
        regs.set_a(2, frame + UC);
        return true;
    }

    /** rt_sigreturn: the registers and mask saved in the frame at sp come back. */
    public long __do_sys_rt_sigreturn(PtRegs regs) {
        TaskStruct t = kernel.sched().current();
        // a call interrupted before this handler ran must not be carried on by a later restart
        t.restart_block.fn = org.jstap.sim.kernel.signal.RestartBlock.DO_NO_RESTART_SYSCALL;
        long frame = regs.x[PtRegs.SP];
        byte[] raw = new byte[FRAME_SIZE];
        if (kernel.uaccess().copy_from_user(raw, 0, frame, FRAME_SIZE) != 0) {
            kernel.signal().force_sig_fault(Signals.SIGSEGV, 0, frame);
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        t.blocked = b.getLong(UC_SIGMASK) & ~(Signals.sigmask(Signals.SIGKILL) | Signals.sigmask(Signals.SIGSTOP));
        regs.epc = b.getLong(UC_MCONTEXT);
        for (int i = 1; i < 32; i++) {
            regs.x[i] = b.getLong(UC_MCONTEXT + 8 * i);
        }
        for (int i = 0; i < 32; i++) {
            regs.f[i] = b.getLong(UC_FPREGS + 8 * i);
        }
        regs.fcsr = b.getInt(UC_FPREGS + 256) & 0xffL;
        return regs.a(0);
    }
}
