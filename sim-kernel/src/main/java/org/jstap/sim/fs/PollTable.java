package org.jstap.sim.fs;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * poll_table: what a file's poll method registers with ({@code poll_wait}): the wait queues on
 * which a change of its readiness will be announced. select and poll sleep on all of them.
 */
public final class PollTable {
    public static final int POLLIN = 0x1;
    public static final int POLLPRI = 0x2;
    public static final int POLLOUT = 0x4;
    public static final int POLLERR = 0x8;
    public static final int POLLHUP = 0x10;
    public static final int POLLNVAL = 0x20;
    public static final int POLLRDNORM = 0x40;
    public static final int POLLRDBAND = 0x80;
    public static final int POLLWRNORM = 0x100;
    public static final int POLLWRBAND = 0x200;
    public static final int POLLRDHUP = 0x2000;

    final List<WaitQueueHead> queues = new ArrayList<>();

    /** poll_wait: the caller will be woken through {@code wq}. A null table (a plain query) records nothing. */
    public static void poll_wait(PollTable pt, WaitQueueHead wq) {
        if (pt != null && !pt.queues.contains(wq)) {
            pt.queues.add(wq);
        }
    }
}
