package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/select.c: ppoll(2) and pselect6(2). Each file's poll reports its readiness and the wait
 * queues that will announce a change; with nothing ready the caller sleeps on all of them until
 * one wakes it, the timeout passes, or a signal arrives (-ERESTARTNOHAND: EINTR for the program).
 */
@LinuxFile("fs/select.c")
public final class Select {
    static final int ERESTARTNOHAND = 514;
    /** What POLLIN/POLLOUT/POLLPRI mean for select's three sets. */
    static final int POLLIN_SET = PollTable.POLLRDNORM | PollTable.POLLRDBAND | PollTable.POLLIN
            | PollTable.POLLHUP | PollTable.POLLERR;
    static final int POLLOUT_SET = PollTable.POLLWRBAND | PollTable.POLLWRNORM | PollTable.POLLOUT
            | PollTable.POLLERR;
    static final int POLLEX_SET = PollTable.POLLPRI;

    private final Kernel kernel;

    Select(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A timespec argument as ns (-1: wait forever), or Long.MIN_VALUE with the errno in err. */
    private long timeout_ns(long tsp, long[] err) {
        if (tsp == 0) {
            return -1;
        }
        byte[] raw = new byte[16];
        if (kernel.uaccess().copy_from_user(raw, 0, tsp, 16) != 0) {
            err[0] = -Errno.EFAULT;
            return Long.MIN_VALUE;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long sec = b.getLong(0);
        long nsec = b.getLong(8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            err[0] = -Errno.EINVAL;
            return Long.MIN_VALUE;
        }
        return sec > Long.MAX_VALUE / 1_000_000_000L / 2 ? -1 : sec * 1_000_000_000L + nsec;
    }

    /** set_user_sigmask: the mask to hold while waiting; returns the old one, or Long.MIN_VALUE on error. */
    private long set_user_sigmask(long sigmask, long sigsetsize, long[] err) {
        TaskStruct t = kernel.sched().current();
        if (sigmask == 0) {
            return t.blocked;
        }
        if (sigsetsize != 8) {
            err[0] = -Errno.EINVAL;
            return Long.MIN_VALUE;
        }
        long[] m = new long[1];
        if (kernel.uaccess().get_user(m, sigmask) != 0) {
            err[0] = -Errno.EFAULT;
            return Long.MIN_VALUE;
        }
        long old = t.blocked;
        // SIGKILL and SIGSTOP cannot be blocked
        t.blocked = m[0] & ~((1L << 8) | (1L << 18));
        return old;
    }

    /** poll_select_set_timeout: when the wait ends (0 for no wait, -1 for none), from now. */
    private long end_time(long timeoutNs) {
        return timeoutNs <= 0 ? timeoutNs : kernel.timekeeping().ktime_get_ns() + timeoutNs;
    }

    /**
     * poll_select_finish: the time left is written back to the caller's timespec (Linux's update,
     * which strace shows as {@code left {...}}); none for no timeout or a zero one. If the
     * timespec cannot be written the call cannot be restarted, so -ERESTARTNOHAND becomes -EINTR.
     */
    private long poll_select_finish(long endNs, long tsp, long ret) {
        if (tsp == 0 || endNs <= 0) {
            return ret;
        }
        long left = Math.max(0, endNs - kernel.timekeeping().ktime_get_ns());
        byte[] rts = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(left / 1_000_000_000L)
                .putLong(left % 1_000_000_000L).array();
        if (kernel.uaccess().copy_to_user(tsp, rts, 0, 16) == 0) {
            return ret;
        }
        return ret == -ERESTARTNOHAND ? -Errno.EINTR : ret;
    }

    /** One pass or sleep of the polling loop; {@code scan} returns how many are ready, filling the pt. */
    private interface Scan {
        int run(PollTable pt);
    }

    /** do_poll's loop: scan; if nothing is ready, sleep on the queues and scan again. */
    private long poll_loop(Scan scan, long timeoutNs) {
        long deadline = timeoutNs < 0 ? -1 : kernel.timekeeping().ktime_get_ns() + timeoutNs;
        TaskStruct t = kernel.sched().current();
        while (true) {
            PollTable pt = new PollTable();
            int ready = scan.run(pt);
            if (ready > 0 || timeoutNs == 0) {
                return ready;
            }
            if (kernel.signal().signal_pending(t)) {
                return -ERESTARTNOHAND;
            }
            long now = kernel.timekeeping().ktime_get_ns();
            if (deadline >= 0 && now >= deadline) {
                return 0;
            }
            for (var wq : pt.queues) {
                kernel.waitq().prepare_to_wait(wq, TaskStruct.State.INTERRUPTIBLE);
            }
            if (deadline < 0) {
                kernel.sched().schedule();
            } else {
                kernel.sched().schedule_timeout(deadline - now);
            }
            for (var wq : pt.queues) {
                kernel.waitq().finish_wait(wq);
            }
        }
    }

    /** ppoll(2). */
    public long __do_sys_ppoll(long ufds, int nfds, long tsp, long sigmask, long sigsetsize) {
        if (nfds < 0 || nfds > Files.NR_OPEN_DEFAULT) {
            return -Errno.EINVAL;
        }
        long[] err = new long[1];
        long timeout = timeout_ns(tsp, err);
        if (timeout == Long.MIN_VALUE) {
            return err[0];
        }
        byte[] raw = new byte[8 * nfds];
        if (nfds > 0 && kernel.uaccess().copy_from_user(raw, 0, ufds, raw.length) != 0) {
            return -Errno.EFAULT;
        }
        long old = set_user_sigmask(sigmask, sigsetsize, err);
        if (old == Long.MIN_VALUE) {
            return err[0];
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long end = end_time(timeout);
        long r = poll_loop(pt -> {
            int ready = 0;
            for (int i = 0; i < nfds; i++) {
                int fd = b.getInt(8 * i);
                int events = Short.toUnsignedInt(b.getShort(8 * i + 4));
                int revents = 0;
                if (fd >= 0) {
                    File f = kernel.vfs().files().fget(fd);
                    if (f == null) {
                        revents = PollTable.POLLNVAL;
                    } else {
                        revents = f.f_op.poll(f, pt) & (events | PollTable.POLLERR | PollTable.POLLHUP);
                    }
                }
                b.putShort(8 * i + 6, (short) revents);
                if (revents != 0) {
                    ready++;
                }
            }
            return ready;
        }, timeout);
        kernel.sched().current().blocked = old;
        if (r >= 0 && nfds > 0 && kernel.uaccess().copy_to_user(ufds, raw, 0, raw.length) != 0) {
            return -Errno.EFAULT;
        }
        return poll_select_finish(end, tsp, r);
    }

    /** pselect6(2): {@code sig} points to {sigset pointer, its size}. */
    public long __do_sys_pselect6(int n, long inp, long outp, long exp, long tsp, long sig) {
        if (n < 0) {
            return -Errno.EINVAL;
        }
        n = Math.min(n, Files.NR_OPEN_DEFAULT);
        long[] err = new long[1];
        long timeout = timeout_ns(tsp, err);
        if (timeout == Long.MIN_VALUE) {
            return err[0];
        }
        int words = (n + 63) / 64;
        long[][] sets = new long[3][words];
        long[] addrs = {inp, outp, exp};
        for (int s = 0; s < 3; s++) {
            if (addrs[s] != 0 && words > 0) {
                byte[] raw = new byte[8 * words];
                if (kernel.uaccess().copy_from_user(raw, 0, addrs[s], raw.length) != 0) {
                    return -Errno.EFAULT;
                }
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(sets[s]);
            }
        }
        long sigmask = 0;
        long sigsetsize = 0;
        if (sig != 0) {
            long[] w = new long[1];
            if (kernel.uaccess().get_user(w, sig) != 0) {
                return -Errno.EFAULT;
            }
            sigmask = w[0];
            if (kernel.uaccess().get_user(w, sig + 8) != 0) {
                return -Errno.EFAULT;
            }
            sigsetsize = w[0];
        }
        // every descriptor named must be open
        for (int fd = 0; fd < n; fd++) {
            long bit = 1L << (fd & 63);
            if (((sets[0][fd >> 6] | sets[1][fd >> 6] | sets[2][fd >> 6]) & bit) != 0
                    && kernel.vfs().files().fget(fd) == null) {
                return -Errno.EBADF;
            }
        }
        long old = set_user_sigmask(sigmask, sigsetsize, err);
        if (old == Long.MIN_VALUE) {
            return err[0];
        }
        int nfds = n;
        long[][] res = new long[3][words];
        long end = end_time(timeout);
        long r = poll_loop(pt -> {
            int ready = 0;
            for (long[] row : res) {
                java.util.Arrays.fill(row, 0);
            }
            for (int fd = 0; fd < nfds; fd++) {
                long bit = 1L << (fd & 63);
                int w = fd >> 6;
                if (((sets[0][w] | sets[1][w] | sets[2][w]) & bit) == 0) {
                    continue;
                }
                File f = kernel.vfs().files().fget(fd);
                int mask = f == null ? 0 : f.f_op.poll(f, pt);
                int[] want = {POLLIN_SET, POLLOUT_SET, POLLEX_SET};
                for (int s = 0; s < 3; s++) {
                    if ((sets[s][w] & bit) != 0 && (mask & want[s]) != 0) {
                        res[s][w] |= bit;
                        ready++;
                    }
                }
            }
            return ready;
        }, timeout);
        kernel.sched().current().blocked = old;
        if (r < 0) {
            return poll_select_finish(end, tsp, r);
        }
        for (int s = 0; s < 3; s++) {
            if (addrs[s] != 0 && words > 0) {
                ByteBuffer out = ByteBuffer.allocate(8 * words).order(ByteOrder.LITTLE_ENDIAN);
                out.asLongBuffer().put(res[s]);
                if (kernel.uaccess().copy_to_user(addrs[s], out.array(), 0, 8 * words) != 0) {
                    return -Errno.EFAULT;
                }
            }
        }
        return poll_select_finish(end, tsp, r);
    }
}
