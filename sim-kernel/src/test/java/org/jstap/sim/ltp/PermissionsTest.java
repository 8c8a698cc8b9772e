package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** DAC checks as an unprivileged user (LTP open08, access01-04, chmod06, mkdir04, unlink07, rename09). */
class PermissionsTest {
    static final int R_OK = 4;
    static final int W_OK = 2;
    static final int X_OK = 1;

    @Test
    void permissions_asUid1000() {
        Ltp.run(t -> {
            t.mkdir("/tmp/priv", 0700);
            t.create("/tmp/priv/f", "secret", 0644);
            t.create("/tmp/ro", "r", 0444);
            t.create("/tmp/wo", "w", 0222);
            t.chmod("/tmp/wo", 0222);
            t.create("/tmp/none", "n", 0000);
            t.mkdir("/tmp/pub", 0755);
            t.create("/tmp/pub/f", "p", 0666);
            t.create("/tmp/rootfile", "", 0666);
            t.TST_EXP_FD(t.open("/tmp/none", O_RDWR), "root opens a mode-0 file");
            t.TST_EXP_FAIL(t.sys(__NR_faccessat, AT_FDCWD, t.str("/tmp/ro"), X_OK), EACCES,
                    "root has no X_OK without any x bit");
            t.TST_EXP_PASS(t.sys(__NR_faccessat, AT_FDCWD, t.str("/tmp/priv"), X_OK), "root searches 0700");
            int status = t.fork_and_wait(u -> {
                u.TST_EXP_PASS(u.sys(__NR_setgid, 1000), "setgid(1000)");
                u.TST_EXP_PASS(u.sys(__NR_setuid, 1000), "setuid(1000)");
                u.TST_EXP_VAL(u.sys(__NR_getuid), 1000, "getuid");
                u.TST_EXP_VAL(u.sys(__NR_geteuid), 1000, "geteuid");
                u.TST_EXP_FAIL(u.open("/tmp/priv/f", O_RDONLY), EACCES, "open under a 0700 dir");
                u.TST_EXP_FAIL(u.open("/tmp/priv", O_RDONLY), EACCES, "open a 0700 dir");
                u.TST_EXP_FAIL(u.chdir("/tmp/priv"), EACCES, "chdir into a 0700 dir");
                u.stat("/tmp/priv/f", 0);
                u.TST_EXP_FAIL(u.TST_RET, EACCES, "stat under a 0700 dir");
                u.TST_EXP_FAIL(u.open("/tmp/priv/new", O_CREAT | O_WRONLY, 0644), EACCES, "create under 0700");
                u.TST_EXP_FAIL(u.open("/root/x", O_RDONLY), EACCES, "/root is 0700");
                u.TST_EXP_FAIL(u.open("/tmp/ro", O_WRONLY), EACCES, "write a 0444 file");
                u.TST_EXP_FAIL(u.open("/tmp/ro", O_RDWR), EACCES, "O_RDWR a 0444 file");
                u.TST_EXP_FAIL(u.open("/tmp/wo", O_RDONLY), EACCES, "read a 0222 file");
                u.TST_EXP_FAIL(u.open("/tmp/none", O_RDONLY), EACCES, "read a mode-0 file");
                u.TST_EXP_FD(u.open("/tmp/ro", O_RDONLY), "read a 0444 file");
                u.TST_EXP_FD(u.open("/tmp/wo", O_WRONLY), "write a 0222 file");
                u.TST_EXP_FAIL(u.open("/etc/shadow", O_RDONLY), EACCES, "/etc/shadow is 0640");
                u.TST_EXP_FAIL(u.sys(__NR_faccessat, AT_FDCWD, u.str("/tmp/ro"), W_OK), EACCES, "access W_OK");
                u.TST_EXP_PASS(u.sys(__NR_faccessat, AT_FDCWD, u.str("/tmp/ro"), R_OK), "access R_OK");
                u.TST_EXP_PASS(u.sys(__NR_faccessat, AT_FDCWD, u.str("/tmp/none"), 0), "access F_OK");
                u.TST_EXP_FAIL(u.sys(__NR_faccessat, AT_FDCWD, u.str("/tmp/priv/f"), 0), EACCES,
                        "access F_OK under 0700");
                u.TST_EXP_FAIL(u.sys(__NR_faccessat, AT_FDCWD, u.str("/tmp/ro"), 8), EINVAL, "access bad mode");
                u.TST_EXP_FAIL(u.mkdir("/tmp/pub/d", 0755), EACCES, "mkdir in a 0755 root dir");
                u.TST_EXP_FAIL(u.unlink("/tmp/pub/f"), EACCES, "unlink in a 0755 root dir");
                u.TST_EXP_FAIL(u.rename("/tmp/pub/f", "/tmp/mine", 0), EACCES, "rename out of a 0755 root dir");
                u.TST_EXP_FAIL(u.symlink("x", "/tmp/pub/s"), EACCES, "symlink in a 0755 root dir");
                u.TST_EXP_FAIL(u.chmod("/tmp/ro", 0777), EPERM, "chmod a file of another user");
                u.TST_EXP_FAIL(u.sys(__NR_fchownat, AT_FDCWD, u.str("/tmp/ro"), 1000, 1000, 0), EPERM,
                        "chown as a user");
                u.TST_EXP_PASS(u.create("/tmp/mine", "m", 0644), "create in the sticky /tmp");
                u.TST_EXP_PASS(u.chmod("/tmp/mine", 0600), "chmod an own file");
                u.TST_EXP_VAL(u.st_uid(u.stat("/tmp/mine", 0)), 1000, "owner of a created file");
                u.TST_EXP_FAIL(u.unlink("/tmp/rootfile"), EPERM, "sticky /tmp: unlink root's file");
                u.TST_EXP_FAIL(u.rename("/tmp/rootfile", "/tmp/r2", 0), EPERM, "sticky /tmp: rename root's file");
                u.TST_EXP_PASS(u.unlink("/tmp/mine"), "unlink an own file in sticky /tmp");
                u.TST_EXP_FAIL(u.sys(__NR_setuid, 0), EPERM, "setuid(0) back");
                u.TST_EXP_FAIL(u.sys(__NR_chroot, u.str("/tmp")), EPERM, "chroot as a user");
                u.TST_EXP_FAIL(u.sys(__NR_mount, u.str("none"), u.str("/tmp"), u.str("tmpfs"), 0, 0), EPERM,
                        "mount as a user");
            });
            t.TST_EXP_VAL(status, 0, "child exit status");
        });
    }
}
