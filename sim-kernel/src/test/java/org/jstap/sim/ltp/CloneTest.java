package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.kernel.Fork.*;

import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.kernel.signal.Signals;
import org.junit.jupiter.api.Test;

/** clone(2) as fork, and its flag checks (LTP clone01-09). */
class CloneTest {
    @Test
    void clone_forkStyle() {
        Ltp.run(t -> {
            long me = t.sys(__NR_getpid);
            long cell = t.buf(8);
            t.cpu.sd(cell, 42);
            long[] childPid = new long[1];
            long pid = t.fork(c -> {
                childPid[0] = c.sys(__NR_getpid);
                c.TST_EXP_VAL(c.sys(__NR_getppid), me, "the child's parent is the caller");
                c.TST_EXP_VAL(c.cpu.ld(cell), 42, "the child sees the parent's memory");
                c.cpu.sd(cell, 7);
                c.sys(__NR_exit_group, 3);
            });
            t.TST_EXP_POSITIVE(pid, "clone(SIGCHLD)");
            t.TST_EXP_EXPR(pid != me, "the child has its own pid");
            int status = t.waitpid(pid);
            t.TST_EXP_VAL(childPid[0], pid, "clone returned the child's pid");
            t.TST_EXP_EXPR(Ltp.WIFEXITED(status) && Ltp.WEXITSTATUS(status) == 3, "exit status 3: " + status);
            t.TST_EXP_VAL(t.cpu.ld(cell), 42, "the child's store is private (copy-on-write)");
        });
    }

    @Test
    void clone_badFlags() {
        Ltp.run(t -> {
            t.cpu.set_reg(PtRegs.T0, t.cpu.text(cpu -> 0));
            long sig = Signals.SIGCHLD;
            t.TST_EXP_FAIL(t.sys(__NR_clone, CLONE_SIGHAND | sig, 0, 0, 0, 0), EINVAL, "CLONE_SIGHAND without CLONE_VM");
            t.TST_EXP_FAIL(t.sys(__NR_clone, CLONE_THREAD | CLONE_VM | sig, 0, 0, 0, 0), EINVAL,
                    "CLONE_THREAD without CLONE_SIGHAND");
            t.TST_EXP_FAIL(t.sys(__NR_clone, CLONE_FS | 0x20000L /* CLONE_NEWNS */ | sig, 0, 0, 0, 0), EINVAL,
                    "CLONE_NEWNS with CLONE_FS");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, -1, 0, 0, 0), ECHILD, "no child was created");
        });
    }
}
