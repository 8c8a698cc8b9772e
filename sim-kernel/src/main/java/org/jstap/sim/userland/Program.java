package org.jstap.sim.userland;

import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.arch.riscv.UserMode;

/**
 * A program of the machine's user space: what crt0 and libc do around {@code main} (read argv
 * and the environment from the initial stack, set up stdin/stdout/stderr, flush stdout at exit
 * and report a failed write as coreutils' close_stdout does). One instance serves every process
 * that runs it, so all per-process state lives in the {@link Proc} it is handed.
 */
public abstract class Program implements UserCode {
    @Override
    public final long run(UserMode cpu) {
        Proc p = new Proc(cpu, Libc.argv(cpu), Libc.envp(cpu));
        int status = main(p);
        return p.exit(status);
    }

    /** The program's main: its exit status. */
    protected abstract int main(Proc p);
}
