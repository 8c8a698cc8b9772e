package org.jstap.sim.kernel.signal;

import org.jstap.sim.kernel.LinuxFile;

/**
 * struct restart_block (include/linux/restart_block.h): how an interrupted call carries on.
 * A sleep a signal interrupts returns -ERESTART_RESTARTBLOCK after filling the block; when no
 * handler runs, the return to user mode turns the call into {@code restart_syscall}, which runs
 * {@link #fn} and so sleeps until the original end rather than for the whole interval again (a
 * stopped and continued {@code sleep 2} still wakes two seconds after it started). A handler
 * that ran makes the call return EINTR, and rt_sigreturn resets {@link #fn} to
 * {@code do_no_restart_syscall}.
 *
 * <pre>{@code
 * RestartBlock r = current.restart_block;
 * r.fn = this::hrtimer_nanosleep_restart;
 * r.nanosleep_expires = end;
 * return -ERESTART_RESTARTBLOCK;
 * }</pre>
 */
@LinuxFile("include/linux/restart_block.h")
public final class RestartBlock {
    /** restart_block.fn: what restart_syscall runs, given this block. */
    public interface Fn {
        long restart(RestartBlock restart);
    }

    /** do_no_restart_syscall: a restart with nothing to carry on is EINTR. */
    public static final Fn DO_NO_RESTART_SYSCALL = r -> -org.jstap.sim.kernel.Errno.EINTR;

    public Fn fn = DO_NO_RESTART_SYSCALL;
    /** The nanosleep member: the clock, the absolute end on it, and where to write the time left. */
    public int nanosleep_clockid;
    public long nanosleep_expires;
    public long nanosleep_rmtp;
}
