package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** chdir, fchdir, getcwd (LTP chdir01-04, fchdir01-03, getcwd01-04). */
class ChdirTest {
    @Test
    void chdir_success() {
        Ltp.run(t -> {
            t.TST_EXP_EQ_STR(t.getcwd(256), "/", "init starts in /");
            t.TST_EXP_VAL(t.TST_RET, 2, "getcwd returns the length with the NUL");
            t.TST_EXP_PASS(t.chdir("/tmp"), "chdir(/tmp)");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/tmp", "getcwd");
            t.create("rel", "r", 0644);
            t.TST_EXP_FD(t.open("/tmp/rel", O_RDONLY), "relative names start at the cwd");
            t.mkdir("a", 0755);
            t.mkdir("a/b", 0755);
            t.TST_EXP_PASS(t.chdir("a/b"), "relative chdir");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/tmp/a/b", "getcwd deeper");
            t.TST_EXP_PASS(t.chdir("../.."), "chdir ../..");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/tmp", "back");
            t.TST_EXP_PASS(t.chdir("/.."), "chdir /..");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/", "/.. is /");
            int d = (int) t.open("/etc", O_RDONLY | O_DIRECTORY);
            t.TST_EXP_PASS(t.sys(__NR_fchdir, d), "fchdir");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/etc", "getcwd after fchdir");
            t.symlink("/tmp/a", "/tmp/la");
            t.TST_EXP_PASS(t.chdir("/tmp/la"), "chdir through a symlink");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/tmp/a", "getcwd shows the real path");
            t.TST_EXP_EQ_STR(t.getcwd(7), "/tmp/a", "a buffer of exactly len+1");
            t.TST_EXP_EQ_STR(t.getcwd(6), "ERANGE", "getcwd one byte short");
            t.TST_EXP_EQ_STR(t.getcwd(1), "ERANGE", "getcwd size 1");
            t.TST_EXP_FAIL(t.sys(__NR_getcwd, t.buf(8), 0), ERANGE, "getcwd size 0");
            t.TST_EXP_FAIL(t.sys(__NR_getcwd, Ltp.UNMAPPED, 100), EFAULT, "getcwd into unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_getcwd, 1, 100), EFAULT, "getcwd into address 1");
            t.mkdir("/tmp/gone", 0755);
            t.chdir("/tmp/gone");
            t.rmdir("/tmp/gone");
            t.TST_EXP_EQ_STR(t.getcwd(256), "ENOENT", "getcwd in a removed directory");
        });
    }

    @Test
    void chdir_errors() {
        Ltp.run(t -> {
            t.TST_EXP_FAIL(t.chdir("/nope"), ENOENT, "chdir(/nope)");
            t.TST_EXP_FAIL(t.chdir(""), ENOENT, "chdir(\"\")");
            t.TST_EXP_FAIL(t.chdir("/etc/hostname"), ENOTDIR, "chdir to a file");
            t.TST_EXP_FAIL(t.chdir("/etc/hostname/x"), ENOTDIR, "chdir through a file");
            t.TST_EXP_FAIL(t.sys(__NR_chdir, 1), EFAULT, "chdir(1)");
            t.TST_EXP_FAIL(t.sys(__NR_chdir, Ltp.KERNEL_ADDR), EFAULT, "chdir(kernel address)");
            t.TST_EXP_FAIL(t.chdir("/" + "c".repeat(256)), ENAMETOOLONG, "chdir long component");
            t.symlink("/tmp/y", "/tmp/x");
            t.symlink("/tmp/x", "/tmp/y");
            t.TST_EXP_FAIL(t.chdir("/tmp/x"), ELOOP, "chdir into a loop");
            int f = (int) t.open("/etc/hostname", O_RDONLY);
            t.TST_EXP_FAIL(t.sys(__NR_fchdir, f), ENOTDIR, "fchdir to a file");
            t.TST_EXP_FAIL(t.sys(__NR_fchdir, 999), EBADF, "fchdir(999)");
            t.TST_EXP_FAIL(t.sys(__NR_fchdir, -1), EBADF, "fchdir(-1)");
            t.TST_EXP_EQ_STR(t.getcwd(256), "/", "failed calls left the cwd");
        });
    }
}
