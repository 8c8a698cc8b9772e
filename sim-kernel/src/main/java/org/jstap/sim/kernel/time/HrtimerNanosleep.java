package org.jstap.sim.kernel.time;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/** kernel/time/hrtimer.c's nanosleep: sleeping on an hrtimer, interruptible by signals. */
@LinuxFile("kernel/time/hrtimer.c")
public final class HrtimerNanosleep {
    static final int ERESTART_RESTARTBLOCK = 516;

    private final Kernel kernel;

    public HrtimerNanosleep(Kernel kernel) {
        this.kernel = kernel;
    }

    /** nanosleep(2): {@code req} and {@code rem} point to struct timespec {tv_sec, tv_nsec}. */
    public long __do_sys_nanosleep(long req, long rem) {
        byte[] raw = new byte[16];
        if (kernel.uaccess().copy_from_user(raw, 0, req, 16) != 0) {
            return -Errno.EFAULT;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long sec = b.getLong(0);
        long nsec = b.getLong(8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        long ns = sec > Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        long end = kernel.timekeeping().ktime_get_ns() + ns;
        org.jstap.sim.kernel.signal.RestartBlock restart = kernel.sched().current().restart_block;
        restart.nanosleep_clockid = PosixTimers.CLOCK_MONOTONIC;
        restart.nanosleep_expires = end;
        restart.nanosleep_rmtp = rem;
        return hrtimer_nanosleep(restart);
    }

    /**
     * hrtimer_nanosleep (with do_nanosleep folded in): sleeps until the block's end on the monotonic clock; 0, or, when a signal
     * woke it first, the time left written to rmtp and -ERESTART_RESTARTBLOCK with the block set
     * to carry on ({@link #hrtimer_nanosleep_restart}).
     */
    long hrtimer_nanosleep(org.jstap.sim.kernel.signal.RestartBlock restart) {
        kernel.sched().schedule_timeout(Math.max(0, restart.nanosleep_expires - kernel.timekeeping().ktime_get_ns()));
        long left = restart.nanosleep_expires - kernel.timekeeping().ktime_get_ns();
        if (left <= 0) {
            return 0;
        }
        if (restart.nanosleep_rmtp != 0) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putLong(left / 1_000_000_000L).putLong(left % 1_000_000_000L);
            if (kernel.uaccess().copy_to_user(restart.nanosleep_rmtp, r.array(), 0, 16) != 0) {
                return -Errno.EFAULT;
            }
        }
        restart.fn = this::hrtimer_nanosleep_restart;
        return -ERESTART_RESTARTBLOCK;
    }

    /** hrtimer_nanosleep_restart: restart_syscall's way back into an interrupted nanosleep. */
    public long hrtimer_nanosleep_restart(org.jstap.sim.kernel.signal.RestartBlock restart) {
        return hrtimer_nanosleep(restart);
    }
}
