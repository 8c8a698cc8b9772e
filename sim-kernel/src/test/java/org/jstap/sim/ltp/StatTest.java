package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.fs.Mode.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** newfstatat, fstat, statx, readlinkat (LTP stat01-03, lstat01-02, fstat02-03, statx01-12, readlink01-03). */
class StatTest {
    @Test
    void stat_success() {
        Ltp.run(t -> {
            long st = t.stat("/etc/hostname", 0);
            t.TST_EXP_PASS(t.TST_RET, "stat(/etc/hostname)");
            t.TST_EXP_VAL(t.st_size(st), 6, "st_size");
            t.TST_EXP_EXPR(S_ISREG(t.st_mode(st)), "S_ISREG");
            t.TST_EXP_VAL(t.st_nlink(st), 1, "st_nlink");
            long dst = t.stat("/etc", 0);
            t.TST_EXP_EXPR(S_ISDIR(t.st_mode(dst)), "S_ISDIR");
            int fd = (int) t.open("/etc/hostname", O_RDONLY);
            long fst = t.fstat(fd);
            t.TST_EXP_PASS(t.TST_RET, "fstat");
            t.TST_EXP_VAL(t.st_ino(fst), t.st_ino(st), "fstat and stat agree on st_ino");
            long e = t.buf(Ltp.STAT_SIZE);
            t.TST_EXP_PASS(t.sys(__NR_newfstatat, fd, t.str(""), e, AT_EMPTY_PATH), "AT_EMPTY_PATH");
            t.TST_EXP_VAL(t.st_ino(e), t.st_ino(st), "AT_EMPTY_PATH is fstat");
            t.symlink("/etc/hostname", "/tmp/sl");
            long l = t.stat("/tmp/sl", AT_SYMLINK_NOFOLLOW);
            t.TST_EXP_EXPR(S_ISLNK(t.st_mode(l)), "lstat of a symlink is S_IFLNK");
            t.TST_EXP_VAL(t.st_size(l), "/etc/hostname".length(), "a symlink's size is its target's length");
            long f = t.stat("/tmp/sl", 0);
            t.TST_EXP_VAL(t.st_ino(f), t.st_ino(st), "stat follows the symlink");
            t.link("/tmp/sl", "/tmp/hl");
            t.create("/tmp/x", "", 0644);
            t.link("/tmp/x", "/tmp/x2");
            t.TST_EXP_VAL(t.st_nlink(t.stat("/tmp/x", 0)), 2, "st_nlink after link");
            long sx = t.buf(256);
            t.TST_EXP_PASS(t.sys(__NR_statx, AT_FDCWD, t.str("/etc/hostname"), 0, 0x7ff, sx), "statx");
            t.TST_EXP_VAL(t.cpu.ld(sx + 40), 6, "stx_size");
            t.TST_EXP_VAL(t.cpu.ld(sx + 32), t.st_ino(st), "stx_ino");
            long rb = t.buf(64);
            t.TST_EXP_VAL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/tmp/sl"), rb, 64), 13, "readlinkat");
            t.TST_EXP_EQ_STR(t.string(rb, 13), "/etc/hostname", "readlinkat text");
            long small = t.buf(8);
            t.TST_EXP_VAL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/tmp/sl"), small, 4), 4, "readlinkat truncates");
            t.TST_EXP_EQ_STR(t.string(small, 4), "/etc", "truncated text");
        });
    }

    @Test
    void stat_errors() {
        Ltp.run(t -> {
            long b = t.buf(256);
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/nope"), b, 0), ENOENT, "stat(/nope)");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str(""), b, 0), ENOENT, "stat(\"\")");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/etc/hostname/x"), b, 0), ENOTDIR,
                    "stat through a file");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, 1, b, 0), EFAULT, "path at 1");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/etc/hostname"), 1, 0), EFAULT, "statbuf at 1");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/etc/hostname"), Ltp.UNMAPPED, 0), EFAULT,
                    "statbuf unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/etc/hostname"), b, 0x1), EINVAL, "bad flag");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, 999, t.str("x"), b, 0), EBADF, "bad dirfd");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/" + "x".repeat(300)), b, 0), ENAMETOOLONG,
                    "long component");
            t.symlink("/tmp/b", "/tmp/a");
            t.symlink("/tmp/a", "/tmp/b");
            t.TST_EXP_FAIL(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/tmp/a"), b, 0), ELOOP, "stat of a loop");
            t.TST_EXP_PASS(t.sys(__NR_newfstatat, AT_FDCWD, t.str("/tmp/a"), b, AT_SYMLINK_NOFOLLOW),
                    "lstat of a loop");
            t.TST_EXP_FAIL(t.sys(__NR_fstat, 999, b), EBADF, "fstat(999)");
            t.TST_EXP_FAIL(t.sys(__NR_fstat, 0, Ltp.UNMAPPED), EFAULT, "fstat into unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_statx, AT_FDCWD, t.str("/etc"), 0x6000, 0x7ff, b), EINVAL,
                    "statx with both sync types");
            t.TST_EXP_FAIL(t.sys(__NR_statx, AT_FDCWD, t.str("/etc"), 0, 0x80000000L, b), EINVAL,
                    "statx with STATX__RESERVED");
            t.TST_EXP_FAIL(t.sys(__NR_statx, AT_FDCWD, t.str("/nope"), 0, 0x7ff, b), ENOENT, "statx(/nope)");
            t.TST_EXP_FAIL(t.sys(__NR_statx, AT_FDCWD, t.str("/etc"), 0, 0x7ff, 1), EFAULT, "statx buffer at 1");
            t.TST_EXP_FAIL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/etc/hostname"), b, 64), EINVAL,
                    "readlink of a file");
            t.TST_EXP_FAIL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/tmp/a"), b, 0), EINVAL, "readlink bufsiz 0");
            t.TST_EXP_FAIL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/tmp/a"), b, -1), EINVAL, "readlink bufsiz -1");
            t.TST_EXP_FAIL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/nope"), b, 64), ENOENT, "readlink(/nope)");
            t.TST_EXP_FAIL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/tmp/a"), Ltp.UNMAPPED, 64), EFAULT,
                    "readlink into unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_readlinkat, AT_FDCWD, t.str("/etc/hostname/x"), b, 64), ENOTDIR,
                    "readlink through a file");
        });
    }
}
