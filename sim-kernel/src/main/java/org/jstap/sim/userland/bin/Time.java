package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/time COMMAND [ARG]...: runs the command (fork + execvp), and prints on stderr what bash's
 * {@code time} prints: real time by CLOCK_MONOTONIC, user and system time from wait4's rusage.
 * The status is the command's (128 + signal when killed; 127 when it was not found).
 */
public final class Time extends Program {
    @Override
    protected int main(Proc p) {
        List<String> argv = p.args();
        if (argv.isEmpty()) {
            p.err().print("Usage: time COMMAND [ARG]...\n");
            return 2;
        }
        Libc libc = p.libc;
        List<String> env = List.copyOf(p.env);
        long[] t0 = new long[2];
        long clock = libc.clock_gettime(Libc.CLOCK_MONOTONIC, t0);
        if (clock < 0) {
            p.error("cannot read the clock", clock);
            return 125;
        }
        p.flush();
        long pid = libc.fork(c -> {
            Proc child = new Proc(c, p.argv, env);
            long r = child.execvp(argv, env);
            child.error("cannot run " + argv.get(0), r);
            child.flush();
            return r == -Errno.ENOENT ? 127 : 126;
        });
        if (pid < 0) {
            p.error("cannot fork", pid);
            return 1;
        }
        int[] status = new int[1];
        long[] ru = new long[4];
        while (libc.wait4(pid, status, 0, ru) == -Errno.EINTR) {
            // the child is still running
        }
        long[] t1 = new long[2];
        libc.clock_gettime(Libc.CLOCK_MONOTONIC, t1);
        long realNs = (t1[0] - t0[0]) * 1_000_000_000L + (t1[1] - t0[1]);
        p.err().print("\nreal\t" + clock(realNs / 1000) + "\nuser\t" + clock(ru[0] * 1_000_000 + ru[1]) + "\nsys\t"
                + clock(ru[2] * 1_000_000 + ru[3]) + "\n");
        int ws = status[0];
        return (ws & 0x7f) == 0 ? (ws >> 8) & 0xff : 128 + (ws & 0x7f);
    }

    /** bash's "%dm%d.%03ds" of microseconds. */
    static String clock(long us) {
        long ms = us / 1000;
        return (ms / 60000) + "m" + (ms / 1000 % 60) + "." + String.format("%03d", ms % 1000) + "s";
    }
}
