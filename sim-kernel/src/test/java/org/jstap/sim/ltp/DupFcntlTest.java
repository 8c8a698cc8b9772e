package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** dup, dup3, fcntl, close (LTP dup01-07, dup3_01-02, fcntl01-39, close01-02). */
class DupFcntlTest {
    @Test
    void dup_success() {
        Ltp.run(t -> {
            int fd = (int) t.open("/etc/hostname", O_RDONLY);
            int d = t.TST_EXP_FD(t.sys(__NR_dup, fd), "dup");
            t.TST_EXP_VAL(d, fd + 1, "lowest free descriptor");
            t.read(fd, 2);
            t.TST_EXP_VAL(t.lseek(d, 0, 1), 2, "a dup shares the offset");
            t.TST_EXP_VAL(t.sys(__NR_dup3, fd, 10, 0), 10, "dup3 to 10");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, 10, F_GETFD), 0, "dup3 without O_CLOEXEC");
            t.TST_EXP_VAL(t.sys(__NR_dup3, fd, 10, O_CLOEXEC), 10, "dup3 onto an open descriptor");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, 10, F_GETFD), FD_CLOEXEC, "dup3 O_CLOEXEC");
            t.TST_EXP_VAL(t.sys(__NR_dup3, fd, 1023, 0), 1023, "dup3 to the last descriptor");
            long f = t.TST_EXP_POSITIVE(t.sys(__NR_fcntl, fd, F_DUPFD, 20), "F_DUPFD 20");
            t.TST_EXP_VAL(f, 20, "F_DUPFD takes the lowest from 20");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, fd, F_DUPFD, 20), 21, "F_DUPFD again");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, fd, F_DUPFD_CLOEXEC, 0), 5, "F_DUPFD_CLOEXEC");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, 5, F_GETFD), FD_CLOEXEC, "F_DUPFD_CLOEXEC sets FD_CLOEXEC");
            t.TST_EXP_PASS(t.sys(__NR_fcntl, 5, F_SETFD, 0), "F_SETFD 0");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, 5, F_GETFD), 0, "FD_CLOEXEC cleared");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, fd, F_GETFL) & O_ACCMODE, O_RDONLY, "F_GETFL access mode");
            int w = (int) t.open("/tmp/w", O_RDWR | O_CREAT, 0644);
            t.TST_EXP_VAL(t.sys(__NR_fcntl, w, F_GETFL) & O_ACCMODE, O_RDWR, "F_GETFL O_RDWR");
            t.TST_EXP_PASS(t.sys(__NR_fcntl, w, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY), "F_SETFL");
            long fl = t.sys(__NR_fcntl, w, F_GETFL);
            t.TST_EXP_EXPR((fl & (O_APPEND | O_NONBLOCK)) == (O_APPEND | O_NONBLOCK), "F_SETFL set the flags");
            t.TST_EXP_VAL(fl & O_ACCMODE, O_RDWR, "F_SETFL leaves the access mode");
            t.TST_EXP_PASS(t.close(d), "close");
            t.TST_EXP_FAIL(t.close(d), EBADF, "close twice");
        });
    }

    @Test
    void dup_errors() {
        Ltp.run(t -> {
            int fd = (int) t.open("/etc/hostname", O_RDONLY);
            t.TST_EXP_FAIL(t.sys(__NR_dup, 999), EBADF, "dup(999)");
            t.TST_EXP_FAIL(t.sys(__NR_dup, -1), EBADF, "dup(-1)");
            t.TST_EXP_FAIL(t.sys(__NR_dup3, fd, fd, 0), EINVAL, "dup3 to itself");
            t.TST_EXP_FAIL(t.sys(__NR_dup3, fd, 10, O_NONBLOCK), EINVAL, "dup3 bad flags");
            t.TST_EXP_FAIL(t.sys(__NR_dup3, 999, 10, 0), EBADF, "dup3 bad oldfd");
            t.TST_EXP_FAIL(t.sys(__NR_dup3, fd, 1024, 0), EBADF, "dup3 newfd at RLIMIT_NOFILE");
            t.TST_EXP_FAIL(t.sys(__NR_dup3, fd, -1, 0), EBADF, "dup3 newfd -1");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, 999, F_GETFD), EBADF, "fcntl(999)");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, fd, F_DUPFD, -1), EINVAL, "F_DUPFD -1");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, fd, F_DUPFD, 1024), EINVAL, "F_DUPFD at RLIMIT_NOFILE");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, fd, 9999), EINVAL, "unknown command");
            t.TST_EXP_FAIL(t.sys(__NR_fcntl, fd, F_GETLK, Ltp.UNMAPPED), EFAULT, "F_GETLK unmapped");
            t.TST_EXP_FAIL(t.close(999), EBADF, "close(999)");
            t.TST_EXP_FAIL(t.close(-1), EBADF, "close(-1)");
        });
    }
}
