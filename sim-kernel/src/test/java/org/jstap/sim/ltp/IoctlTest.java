package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.fs.Ioctl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** ioctl (LTP ioctl01-02, ioctl03 FIO* cases). */
class IoctlTest {
    @Test
    void ioctl_generic() {
        Ltp.run(t -> {
            t.create("/tmp/f", "0123456789", 0644);
            int fd = (int) t.open("/tmp/f", O_RDONLY);
            t.read(fd, 4);
            long n = t.buf(8);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, fd, FIONREAD, n), "FIONREAD on a file");
            t.TST_EXP_VAL(t.u32(n), 6, "bytes left to read");
            t.TST_EXP_PASS(t.sys(__NR_ioctl, fd, FIOCLEX, 0), "FIOCLEX");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, fd, F_GETFD), FD_CLOEXEC, "FIOCLEX sets FD_CLOEXEC");
            t.TST_EXP_PASS(t.sys(__NR_ioctl, fd, FIONCLEX, 0), "FIONCLEX");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, fd, F_GETFD), 0, "FIONCLEX clears it");
            long one = t.buf(8);
            t.sw(one, 1);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, fd, FIONBIO, one), "FIONBIO 1");
            t.TST_EXP_EXPR((t.sys(__NR_fcntl, fd, F_GETFL) & O_NONBLOCK) != 0, "FIONBIO sets O_NONBLOCK");
            t.sw(one, 0);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, fd, FIONBIO, one), "FIONBIO 0");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, fd, F_GETFL) & O_NONBLOCK, 0, "and clears it");
            long tio = t.buf(64);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, 0, TCGETS, tio), "TCGETS on the console");
            long ws = t.buf(8);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, 1, TIOCGWINSZ, ws), "TIOCGWINSZ on the console");
        });
    }

    @Test
    void ioctl_errors() {
        Ltp.run(t -> {
            int fd = (int) t.open("/etc/hostname", O_RDONLY);
            long b = t.buf(64);
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, 999, FIONREAD, b), EBADF, "ioctl(999)");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, -1, TCGETS, b), EBADF, "ioctl(-1)");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, fd, TCGETS, b), ENOTTY, "TCGETS on a regular file");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, fd, 0x12345678, b), ENOTTY, "an unknown command");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, fd, FIONBIO, Ltp.UNMAPPED), EFAULT, "FIONBIO from unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, fd, FIONREAD, Ltp.UNMAPPED), EFAULT, "FIONREAD to unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, 0, TCGETS, Ltp.UNMAPPED), EFAULT, "TCGETS to unmapped");
            int d = (int) t.open("/etc", O_RDONLY);
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, d, TCGETS, b), ENOTTY, "TCGETS on a directory");
            int[] p = t.pipe(0);
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, p[0], TCGETS, b), ENOTTY, "TCGETS on a pipe");
        });
    }
}
