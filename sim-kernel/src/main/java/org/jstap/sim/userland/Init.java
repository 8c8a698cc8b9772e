package org.jstap.sim.userland;

import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.kernel.Errno;

/**
 * /sbin/init: the first program. It reaps whatever is handed to it (orphans are reparented to
 * pid 1) and otherwise sleeps; its SIGCHLD handler ends the sleep so zombies do not wait.
 */
public final class Init implements UserCode {
    private static final long SIGCHLD = 17;
    private static final long SA_RESTART = 0x10000000;

    @Override
    public long run(UserMode cpu) {
        Libc libc = new Libc(cpu);
        libc.sigaction((int) SIGCHLD, c -> 0, SA_RESTART, 0);
        while (true) {
            long r = libc.wait4(-1, null, 0);
            if (r == -Errno.ECHILD) {
                libc.nanosleep(3600L * 1_000_000_000L);
            }
        }
    }
}
