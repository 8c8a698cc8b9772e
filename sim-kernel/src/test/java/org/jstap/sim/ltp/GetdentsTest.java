package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** getdents64 (LTP getdents01-02). */
class GetdentsTest {
    static final int DT_DIR = 4;
    static final int DT_REG = 8;
    static final int DT_LNK = 10;

    /** Every entry of the directory open on {@code fd}, name to d_type. */
    static TreeMap<String, Integer> list(Ltp t, int fd, int bufSize) {
        TreeMap<String, Integer> out = new TreeMap<>();
        long b = t.buf(bufSize);
        for (int round = 0; round < 100; round++) {
            long n = t.sys(__NR_getdents64, fd, b, bufSize);
            if (n <= 0) {
                t.TST_EXP_VAL(n, 0, "getdents64 ends with 0");
                return out;
            }
            for (long p = b; p < b + n;) {
                int reclen = t.u32(p + 16) & 0xffff;
                int type = t.cpu.lbu(p + 18);
                StringBuilder name = new StringBuilder();
                for (long q = p + 19; t.cpu.lbu(q) != 0; q++) {
                    name.append((char) t.cpu.lbu(q));
                }
                out.put(name.toString(), type);
                if (reclen == 0 || reclen % 8 != 0) {
                    t.tst_res_fail("bad d_reclen " + reclen);
                    return out;
                }
                p += reclen;
            }
        }
        return out;
    }

    @Test
    void getdents64_success() {
        Ltp.run(t -> {
            t.mkdir("/tmp/d", 0755);
            t.create("/tmp/d/file", "x", 0644);
            t.mkdir("/tmp/d/sub", 0755);
            t.symlink("file", "/tmp/d/link");
            int fd = t.TST_EXP_FD(t.open("/tmp/d", O_RDONLY | O_DIRECTORY), "open dir");
            TreeMap<String, Integer> all = list(t, fd, 4096);
            t.TST_EXP_EQ_STR(all.toString(), "{.=4, ..=4, file=8, link=10, sub=4}", "entries and d_type");
            t.TST_EXP_VAL(t.lseek(fd, 0, 0), 0, "rewind");
            TreeMap<String, Integer> small = list(t, fd, 40);
            t.TST_EXP_EQ_STR(small.toString(), all.toString(), "the same entries one at a time");
            t.mkdir("/tmp/e", 0755);
            int e = (int) t.open("/tmp/e", O_RDONLY);
            t.TST_EXP_EQ_STR(list(t, e, 4096).keySet().toString(), "[., ..]", "an empty directory");
        });
    }

    @Test
    void getdents64_errors() {
        Ltp.run(t -> {
            long b = t.buf(4096);
            t.TST_EXP_FAIL(t.sys(__NR_getdents64, 999, b, 4096), EBADF, "bad fd");
            int f = (int) t.open("/etc/hostname", O_RDONLY);
            t.TST_EXP_FAIL(t.sys(__NR_getdents64, f, b, 4096), ENOTDIR, "a file");
            int d = (int) t.open("/etc", O_RDONLY);
            t.TST_EXP_FAIL(t.sys(__NR_getdents64, d, b, 1), EINVAL, "buffer too small for one entry");
            t.TST_EXP_FAIL(t.sys(__NR_getdents64, d, Ltp.UNMAPPED, 4096), EFAULT, "buffer unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_getdents64, d, 1, 4096), EFAULT, "buffer at 1");
            t.mkdir("/tmp/gone", 0755);
            int g = (int) t.open("/tmp/gone", O_RDONLY);
            t.rmdir("/tmp/gone");
            t.TST_EXP_FAIL(t.sys(__NR_getdents64, g, b, 4096), ENOENT, "a removed directory");
        });
    }
}
