package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.fs.Mode.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** mkdirat, unlinkat, renameat2, linkat, symlinkat, mknodat (LTP mkdir*, unlink*, rmdir*, rename*, link*, symlink*). */
class NameOpsTest {
    @Test
    void mkdirat_unlinkat() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(t.mkdir("/tmp/d", 0777), "mkdir");
            t.TST_EXP_VAL(t.st_mode(t.stat("/tmp/d", 0)), S_IFDIR | 0755, "mode & ~umask");
            t.TST_EXP_VAL(t.st_nlink(t.stat("/tmp/d", 0)), 2, "a new directory has 2 links");
            t.TST_EXP_PASS(t.mkdir("/tmp/d/s/", 0755), "mkdir with a trailing slash");
            t.TST_EXP_VAL(t.st_nlink(t.stat("/tmp/d", 0)), 3, "the parent gains a link");
            t.TST_EXP_FAIL(t.mkdir("/tmp/d", 0755), EEXIST, "mkdir existing");
            t.TST_EXP_FAIL(t.mkdir("/etc/hostname", 0755), EEXIST, "mkdir over a file");
            t.TST_EXP_FAIL(t.mkdir("/nope/d", 0755), ENOENT, "mkdir in a missing directory");
            t.TST_EXP_FAIL(t.mkdir("/etc/hostname/d", 0755), ENOTDIR, "mkdir under a file");
            t.TST_EXP_FAIL(t.sys(__NR_mkdirat, AT_FDCWD, 1, 0755), EFAULT, "mkdir path at 1");
            t.TST_EXP_FAIL(t.sys(__NR_mkdirat, 999, t.str("x"), 0755), EBADF, "mkdirat bad dirfd");
            t.TST_EXP_FAIL(t.mkdir("/tmp/" + "d".repeat(256), 0755), ENAMETOOLONG, "mkdir long name");
            t.symlink("/tmp/l2", "/tmp/l1");
            t.symlink("/tmp/l1", "/tmp/l2");
            t.TST_EXP_FAIL(t.mkdir("/tmp/l1/x", 0755), ELOOP, "mkdir under a loop");
            t.TST_EXP_FAIL(t.mkdir("", 0755), ENOENT, "mkdir(\"\")");
            t.create("/tmp/d/f", "x", 0644);
            t.TST_EXP_FAIL(t.unlink("/tmp/d"), EISDIR, "unlink of a directory");
            t.TST_EXP_FAIL(t.unlink("/tmp/nope"), ENOENT, "unlink missing");
            t.TST_EXP_FAIL(t.unlink("/tmp/d/f/x"), ENOTDIR, "unlink under a file");
            t.TST_EXP_FAIL(t.sys(__NR_unlinkat, AT_FDCWD, t.str("/tmp/d/f"), 0x1), EINVAL, "unlinkat bad flags");
            t.TST_EXP_FAIL(t.rmdir("/tmp/d"), ENOTEMPTY, "rmdir non-empty");
            t.TST_EXP_FAIL(t.rmdir("/tmp/d/f"), ENOTDIR, "rmdir a file");
            t.TST_EXP_FAIL(t.rmdir("/tmp/d/."), EINVAL, "rmdir .");
            t.TST_EXP_FAIL(t.rmdir("/tmp/d/s/.."), ENOTEMPTY, "rmdir ..");
            t.TST_EXP_FAIL(t.rmdir("/"), EBUSY, "rmdir /");
            t.TST_EXP_FAIL(t.rmdir("/tmp/nope"), ENOENT, "rmdir missing");
            t.TST_EXP_PASS(t.unlink("/tmp/d/f"), "unlink");
            t.TST_EXP_FAIL(t.open("/tmp/d/f", O_RDONLY), ENOENT, "gone after unlink");
            t.TST_EXP_PASS(t.rmdir("/tmp/d/s"), "rmdir");
            t.TST_EXP_PASS(t.rmdir("/tmp/d"), "rmdir now empty");
            t.TST_EXP_FAIL(t.open("/tmp/d", O_RDONLY), ENOENT, "gone after rmdir");
            t.create("/tmp/open", "data", 0644);
            int fd = (int) t.open("/tmp/open", O_RDONLY);
            t.unlink("/tmp/open");
            t.TST_EXP_EQ_STR(t.read(fd, 10), "data", "an open file outlives its name");
            t.TST_EXP_VAL(t.st_nlink(t.fstat(fd)), 0, "st_nlink 0 once unlinked");
        });
    }

    @Test
    void renameat2() {
        Ltp.run(t -> {
            t.create("/tmp/a", "A", 0644);
            t.create("/tmp/b", "B", 0644);
            t.TST_EXP_PASS(t.rename("/tmp/a", "/tmp/c", 0), "rename to a new name");
            t.TST_EXP_FAIL(t.open("/tmp/a", O_RDONLY), ENOENT, "old name gone");
            t.TST_EXP_PASS(t.rename("/tmp/c", "/tmp/b", 0), "rename over a file");
            int fd = (int) t.open("/tmp/b", O_RDONLY);
            t.TST_EXP_EQ_STR(t.read(fd, 10), "A", "the target was replaced");
            t.TST_EXP_PASS(t.rename("/tmp/b", "/tmp/b", 0), "rename to itself");
            t.create("/tmp/x", "X", 0644);
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/tmp/b", RENAME_NOREPLACE), EEXIST, "RENAME_NOREPLACE");
            t.TST_EXP_PASS(t.rename("/tmp/x", "/tmp/b", RENAME_EXCHANGE), "RENAME_EXCHANGE");
            int x = (int) t.open("/tmp/x", O_RDONLY);
            t.TST_EXP_EQ_STR(t.read(x, 10), "A", "exchanged");
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/tmp/none", RENAME_EXCHANGE), ENOENT, "RENAME_EXCHANGE missing");
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/tmp/b", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL,
                    "EXCHANGE|NOREPLACE");
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/tmp/b", 0x100), EINVAL, "unknown flag");
            t.TST_EXP_FAIL(t.rename("/tmp/nope", "/tmp/z", 0), ENOENT, "rename missing");
            t.mkdir("/tmp/d1", 0755);
            t.mkdir("/tmp/d2", 0755);
            t.create("/tmp/d2/f", "", 0644);
            t.mkdir("/tmp/d3", 0755);
            t.TST_EXP_FAIL(t.rename("/tmp/d1", "/tmp/d2", 0), ENOTEMPTY, "directory over a non-empty one");
            t.TST_EXP_FAIL(t.rename("/tmp/d1", "/tmp/x", 0), ENOTDIR, "directory over a file");
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/tmp/d1", 0), EISDIR, "file over a directory");
            t.TST_EXP_FAIL(t.rename("/tmp/d1", "/tmp/d1/sub", 0), EINVAL, "directory into itself");
            t.TST_EXP_PASS(t.rename("/tmp/d1", "/tmp/d3", 0), "directory over an empty one");
            t.TST_EXP_FAIL(t.rename("/tmp/x/y", "/tmp/z", 0), ENOTDIR, "through a file");
            t.TST_EXP_FAIL(t.sys(__NR_renameat2, AT_FDCWD, 1, AT_FDCWD, t.str("/tmp/z"), 0), EFAULT, "oldpath 1");
            t.TST_EXP_FAIL(t.sys(__NR_renameat2, 999, t.str("x"), AT_FDCWD, t.str("/tmp/z"), 0), EBADF, "bad olddirfd");
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/tmp/" + "z".repeat(256), 0), ENAMETOOLONG, "long new name");
            t.mkdir("/mnt", 0755);
            t.mkdir("/mnt/t", 0755);
            t.TST_EXP_PASS(t.sys(__NR_mount, t.str("none"), t.str("/mnt/t"), t.str("tmpfs"), 0, 0), "mount tmpfs");
            t.TST_EXP_FAIL(t.rename("/tmp/x", "/mnt/t/x", 0), EXDEV, "rename across mounts");
            t.TST_EXP_FAIL(t.link("/tmp/x", "/mnt/t/x"), EXDEV, "link across mounts");
        });
    }

    @Test
    void linkat_symlinkat() {
        Ltp.run(t -> {
            t.create("/tmp/f", "data", 0644);
            t.TST_EXP_PASS(t.link("/tmp/f", "/tmp/g"), "link");
            t.TST_EXP_VAL(t.st_ino(t.stat("/tmp/g", 0)), t.st_ino(t.stat("/tmp/f", 0)), "same inode");
            t.TST_EXP_VAL(t.st_nlink(t.stat("/tmp/f", 0)), 2, "st_nlink 2");
            t.TST_EXP_FAIL(t.link("/tmp/f", "/tmp/g"), EEXIST, "link to an existing name");
            t.TST_EXP_FAIL(t.link("/tmp", "/tmp/dl"), EPERM, "link of a directory");
            t.TST_EXP_FAIL(t.link("/tmp/nope", "/tmp/n2"), ENOENT, "link of a missing file");
            t.TST_EXP_FAIL(t.link("/tmp/f", "/nope/n"), ENOENT, "link into a missing directory");
            t.TST_EXP_FAIL(t.link("/tmp/f/x", "/tmp/n"), ENOTDIR, "link through a file");
            t.TST_EXP_FAIL(t.sys(__NR_linkat, AT_FDCWD, t.str("/tmp/f"), AT_FDCWD, t.str("/tmp/n"), 0x1), EINVAL,
                    "linkat bad flags");
            t.symlink("/tmp/f", "/tmp/s");
            t.TST_EXP_PASS(t.sys(__NR_linkat, AT_FDCWD, t.str("/tmp/s"), AT_FDCWD, t.str("/tmp/s2"), 0),
                    "linkat of a symlink without AT_SYMLINK_FOLLOW");
            t.TST_EXP_EXPR(S_ISLNK(t.st_mode(t.stat("/tmp/s2", AT_SYMLINK_NOFOLLOW))), "links the symlink itself");
            t.TST_EXP_PASS(t.sys(__NR_linkat, AT_FDCWD, t.str("/tmp/s"), AT_FDCWD, t.str("/tmp/s3"),
                    AT_SYMLINK_FOLLOW), "linkat AT_SYMLINK_FOLLOW");
            t.TST_EXP_VAL(t.st_ino(t.stat("/tmp/s3", AT_SYMLINK_NOFOLLOW)), t.st_ino(t.stat("/tmp/f", 0)),
                    "links the target");
            t.TST_EXP_PASS(t.symlink("dangling", "/tmp/dang"), "a dangling symlink");
            t.TST_EXP_FAIL(t.open("/tmp/dang", O_RDONLY), ENOENT, "open of a dangling symlink");
            t.TST_EXP_FAIL(t.symlink("x", "/tmp/f"), EEXIST, "symlink over a file");
            t.TST_EXP_FAIL(t.symlink("", "/tmp/empty"), ENOENT, "symlink to \"\"");
            t.TST_EXP_FAIL(t.symlink("x", "/nope/s"), ENOENT, "symlink in a missing directory");
            t.TST_EXP_FAIL(t.sys(__NR_symlinkat, 1, AT_FDCWD, t.str("/tmp/z")), EFAULT, "target at 1");
            t.TST_EXP_FAIL(t.sys(__NR_symlinkat, t.str("x"), 999, t.str("z")), EBADF, "bad newdirfd");
            t.TST_EXP_FAIL(t.symlink("x", "/tmp/" + "s".repeat(256)), ENAMETOOLONG, "long link name");
            t.TST_EXP_PASS(t.sys(__NR_mknodat, AT_FDCWD, t.str("/tmp/fifo"), S_IFIFO | 0644, 0), "mknod FIFO");
            t.TST_EXP_EXPR(S_ISFIFO(t.st_mode(t.stat("/tmp/fifo", 0))), "S_ISFIFO");
            t.TST_EXP_FAIL(t.sys(__NR_mknodat, AT_FDCWD, t.str("/tmp/fifo"), S_IFIFO | 0644, 0), EEXIST,
                    "mknod existing");
            t.TST_EXP_FAIL(t.sys(__NR_mknodat, AT_FDCWD, t.str("/tmp/dir"), S_IFDIR | 0755, 0), EINVAL,
                    "mknod S_IFDIR");
        });
    }
}
