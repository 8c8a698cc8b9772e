package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.jstap.sim.fs.Ioctl;
import org.junit.jupiter.api.Test;

/** pipe2 and pipe I/O (LTP pipe01-15, pipe2_01-04). */
class PipeTest {
    static final int SIGPIPE = 13;

    /** signal(SIGPIPE, SIG_IGN). */
    static long ignore(Ltp t, int sig) {
        long act = t.buf(24);
        t.cpu.sd(act, 1);
        return t.sys(__NR_rt_sigaction, sig, act, 0, 8);
    }

    @Test
    void pipe_success() {
        Ltp.run(t -> {
            int[] p = t.pipe(0);
            t.TST_EXP_PASS(t.TST_RET, "pipe2");
            t.TST_EXP_EXPR(p[0] == 3 && p[1] == 4, "descriptors 3 and 4: " + p[0] + "," + p[1]);
            t.TST_EXP_VAL(t.write(p[1], "abcdef"), 6, "write");
            long n = t.buf(8);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, p[0], Ioctl.FIONREAD, n), "FIONREAD");
            t.TST_EXP_VAL(t.u32(n), 6, "FIONREAD count");
            t.TST_EXP_EQ_STR(t.read(p[0], 4), "abcd", "read part");
            t.TST_EXP_EQ_STR(t.read(p[0], 100), "ef", "read rest");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, p[0], F_GETPIPE_SZ), 65536, "F_GETPIPE_SZ");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, p[0], F_GETFL) & O_ACCMODE, O_RDONLY, "read end is O_RDONLY");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, p[1], F_GETFL) & O_ACCMODE, O_WRONLY, "write end is O_WRONLY");
            t.close(p[1]);
            t.TST_EXP_EQ_STR(t.read(p[0], 100), "", "EOF once the writer is gone");
            int[] q = t.pipe(O_CLOEXEC | O_NONBLOCK);
            t.TST_EXP_VAL(t.sys(__NR_fcntl, q[0], F_GETFD), FD_CLOEXEC, "pipe2 O_CLOEXEC");
            t.TST_EXP_EXPR((t.sys(__NR_fcntl, q[1], F_GETFL) & O_NONBLOCK) != 0, "pipe2 O_NONBLOCK");
        });
    }

    @Test
    void pipe_errors() {
        Ltp.run(t -> {
            t.TST_EXP_FAIL(t.sys(__NR_pipe2, t.buf(8), 0x1), EINVAL, "pipe2 bad flags");
            t.TST_EXP_FAIL(t.sys(__NR_pipe2, 1, 0), EFAULT, "pipe2 fds at 1");
            t.TST_EXP_FAIL(t.sys(__NR_pipe2, Ltp.UNMAPPED, 0), EFAULT, "pipe2 fds unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_pipe2, Ltp.KERNEL_ADDR, 0), EFAULT, "pipe2 fds in kernel space");
            t.TST_EXP_VAL(t.sys(__NR_dup, 0), 3, "EFAULT leaked no descriptor");
            t.close(3);
            int[] p = t.pipe(O_NONBLOCK);
            long b = t.buf(4096);
            t.TST_EXP_FAIL(t.sys(__NR_read, p[0], b, 10), EAGAIN, "O_NONBLOCK read of an empty pipe");
            t.TST_EXP_FAIL(t.sys(__NR_write, p[0], b, 10), EBADF, "write on the read end");
            t.TST_EXP_FAIL(t.sys(__NR_read, p[1], b, 10), EBADF, "read on the write end");
            t.TST_EXP_FAIL(t.lseek(p[0], 0, 0), ESPIPE, "lseek on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_pread64, p[0], b, 1, 0), ESPIPE, "pread64 on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_pwrite64, p[1], b, 1, 0), ESPIPE, "pwrite64 on a pipe");
            long total = 0;
            long r;
            while ((r = t.sys(__NR_write, p[1], b, 4096)) > 0) {
                total += r;
            }
            t.TST_EXP_FAIL(r, EAGAIN, "O_NONBLOCK write to a full pipe");
            t.TST_EXP_VAL(total, 65536, "a pipe holds 64 KiB");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, p[0], F_SETPIPE_SZ, 4096), EBUSY, "shrinking below the content");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, 0, F_GETPIPE_SZ), EBADF, "F_GETPIPE_SZ on the console");
            t.read(p[0], 4096);
            t.TST_EXP_FAIL(t.sys(__NR_write, p[1], Ltp.UNMAPPED, 1), EFAULT, "write from unmapped");
            t.TST_EXP_PASS(ignore(t, SIGPIPE), "SIGPIPE ignored");
            int[] q = t.pipe(0);
            t.close(q[0]);
            t.TST_EXP_FAIL(t.sys(__NR_write, q[1], b, 1), EPIPE, "write with no reader");
        });
    }

    @Test
    void pipe_sigpipeKillsByDefault() {
        Ltp.run(t -> {
            int[] q = t.pipe(0);
            t.close(q[0]);
            int status = t.fork_and_wait(c -> {
                c.write(q[1], "x");
                c.tst_res_fail("the writer survived SIGPIPE");
            });
            t.TST_EXP_VAL(status & 0x7f, SIGPIPE, "WTERMSIG is SIGPIPE (status " + Integer.toHexString(status) + ")");
            t.TST_EXP_VAL(status & 0x80, 0, "no core dump");
            int ok = t.fork_and_wait(c -> {
                c.TST_EXP_PASS(ignore(c, SIGPIPE), "ignore SIGPIPE");
                c.TST_EXP_FAIL(c.sys(__NR_write, q[1], c.buf(4), 1), EPIPE, "EPIPE with SIGPIPE ignored");
            });
            t.TST_EXP_VAL(ok, 0, "the ignoring child exits normally");
        });
    }
}
