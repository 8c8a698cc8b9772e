package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** read, write, lseek, pread64/pwrite64, readv/writev, ftruncate (LTP read01-04, write01-05, lseek01-11, preadv, ftruncate). */
class ReadWriteTest {
    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int SEEK_END = 2;

    @Test
    void readWrite_success() {
        Ltp.run(t -> {
            int fd = t.TST_EXP_FD(t.open("/tmp/rw", O_RDWR | O_CREAT, 0644), "open");
            t.TST_EXP_VAL(t.write(fd, "hello world"), 11, "write");
            t.TST_EXP_VAL(t.lseek(fd, 0, SEEK_CUR), 11, "offset after write");
            t.TST_EXP_VAL(t.lseek(fd, 6, SEEK_SET), 6, "SEEK_SET");
            t.TST_EXP_EQ_STR(t.read(fd, 100), "world", "read from 6");
            t.TST_EXP_EQ_STR(t.read(fd, 100), "", "read at EOF is 0");
            t.TST_EXP_VAL(t.lseek(fd, -5, SEEK_END), 6, "SEEK_END");
            t.TST_EXP_VAL(t.lseek(fd, 2, SEEK_CUR), 8, "SEEK_CUR");
            t.TST_EXP_VAL(t.sys(__NR_read, fd, t.buf(4), 0), 0, "read of 0 bytes");
            t.TST_EXP_VAL(t.sys(__NR_write, fd, t.buf(4), 0), 0, "write of 0 bytes");
            t.TST_EXP_VAL(t.lseek(fd, 20, SEEK_SET), 20, "seek past EOF");
            t.write(fd, "!");
            t.lseek(fd, 11, SEEK_SET);
            t.TST_EXP_EQ_STR(t.read(fd, 100), "\0".repeat(9) + "!", "the hole reads as zeros");
            long b = t.buf(8);
            t.TST_EXP_VAL(t.sys(__NR_pread64, fd, b, 5, 0), 5, "pread64");
            t.TST_EXP_EQ_STR(t.string(b, 5), "hello", "pread64 data");
            t.TST_EXP_VAL(t.lseek(fd, 0, SEEK_CUR), 21, "pread64 leaves the offset");
            t.TST_EXP_VAL(t.sys(__NR_pwrite64, fd, t.str("HE"), 2, 0), 2, "pwrite64");
            t.lseek(fd, 0, SEEK_SET);
            t.TST_EXP_EQ_STR(t.read(fd, 5), "HEllo", "pwrite64 data");
            long iov = t.buf(32);
            long b1 = t.str("ab");
            long b2 = t.str("cde");
            t.cpu.sd(iov, b1);
            t.cpu.sd(iov + 8, 2);
            t.cpu.sd(iov + 16, b2);
            t.cpu.sd(iov + 24, 3);
            int v = (int) t.open("/tmp/v", O_RDWR | O_CREAT, 0644);
            t.TST_EXP_VAL(t.sys(__NR_writev, v, iov, 2), 5, "writev");
            t.lseek(v, 0, SEEK_SET);
            t.TST_EXP_EQ_STR(t.read(v, 100), "abcde", "writev data");
            t.TST_EXP_VAL(t.sys(__NR_preadv, v, iov, 2, 1), 5 - 1, "preadv at 1");
            t.TST_EXP_EQ_STR(t.string(b1, 2) + t.string(b2, 2), "bcde", "preadv data");
            t.TST_EXP_PASS(t.sys(__NR_ftruncate, v, 2), "ftruncate");
            t.TST_EXP_VAL(t.st_size(t.fstat(v)), 2, "size after ftruncate");
            t.TST_EXP_PASS(t.sys(__NR_ftruncate, v, 100), "ftruncate grows");
            t.TST_EXP_VAL(t.st_size(t.fstat(v)), 100, "size after growing");
        });
    }

    @Test
    void readWrite_errors() {
        Ltp.run(t -> {
            t.create("/tmp/f", "some data", 0644);
            int ro = (int) t.open("/tmp/f", O_RDONLY);
            int wo = (int) t.open("/tmp/f", O_WRONLY);
            long b = t.buf(16);
            t.TST_EXP_FAIL(t.sys(__NR_read, 999, b, 4), EBADF, "read(999)");
            t.TST_EXP_FAIL(t.sys(__NR_read, -1, b, 4), EBADF, "read(-1)");
            t.TST_EXP_FAIL(t.sys(__NR_write, 999, b, 4), EBADF, "write(999)");
            t.TST_EXP_FAIL(t.sys(__NR_read, wo, b, 4), EBADF, "read on O_WRONLY");
            t.TST_EXP_FAIL(t.sys(__NR_write, ro, b, 4), EBADF, "write on O_RDONLY");
            t.TST_EXP_FAIL(t.sys(__NR_read, ro, 1, 4), EFAULT, "read into address 1");
            t.TST_EXP_FAIL(t.sys(__NR_read, ro, Ltp.UNMAPPED, 4), EFAULT, "read into unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_read, ro, Ltp.KERNEL_ADDR, 4), EFAULT, "read into kernel space");
            t.TST_EXP_FAIL(t.sys(__NR_write, wo, Ltp.UNMAPPED, 4), EFAULT, "write from unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_write, wo, -1, 4), EFAULT, "write from -1");
            int d = (int) t.open("/tmp", O_RDONLY);
            t.TST_EXP_FAIL(t.sys(__NR_read, d, b, 4), EISDIR, "read on a directory");
            t.TST_EXP_FAIL(t.lseek(999, 0, SEEK_SET), EBADF, "lseek(999)");
            t.TST_EXP_FAIL(t.lseek(ro, 0, 5), EINVAL, "lseek whence 5");
            t.TST_EXP_FAIL(t.lseek(ro, -1, SEEK_SET), EINVAL, "lseek to -1");
            t.TST_EXP_FAIL(t.lseek(ro, -100, SEEK_END), EINVAL, "lseek before the start");
            t.TST_EXP_FAIL(t.sys(__NR_pread64, ro, b, 4, -1), EINVAL, "pread64 at -1");
            t.TST_EXP_FAIL(t.sys(__NR_pwrite64, wo, b, 4, -1), EINVAL, "pwrite64 at -1");
            t.TST_EXP_FAIL(t.sys(__NR_pread64, wo, b, 4, 0), EBADF, "pread64 on O_WRONLY");
            t.TST_EXP_FAIL(t.sys(__NR_pread64, d, b, 4, 0), EISDIR, "pread64 on a directory");
            long iov = t.buf(16);
            t.cpu.sd(iov, b);
            t.cpu.sd(iov + 8, 4);
            t.TST_EXP_FAIL(t.sys(__NR_readv, ro, iov, -1), EINVAL, "readv with vlen -1");
            t.TST_EXP_FAIL(t.sys(__NR_readv, ro, iov, 1025), EINVAL, "readv with vlen > UIO_MAXIOV");
            t.TST_EXP_FAIL(t.sys(__NR_readv, ro, Ltp.UNMAPPED, 1), EFAULT, "readv with iov unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_readv, 999, iov, 1), EBADF, "readv(999)");
            t.TST_EXP_VAL(t.sys(__NR_readv, ro, iov, 0), 0, "readv with vlen 0");
            t.TST_EXP_FAIL(t.sys(__NR_preadv, ro, iov, 1, -1), EINVAL, "preadv at -1");
            t.TST_EXP_FAIL(t.sys(__NR_ftruncate, ro, 0), EINVAL, "ftruncate on O_RDONLY");
            t.TST_EXP_FAIL(t.sys(__NR_ftruncate, wo, -1), EINVAL, "ftruncate to -1");
            t.TST_EXP_FAIL(t.sys(__NR_ftruncate, 999, 0), EBADF, "ftruncate(999)");
            t.TST_EXP_FAIL(t.sys(__NR_ftruncate, d, 0), EINVAL, "ftruncate on a directory fd");
            t.TST_EXP_FAIL(t.sys(__NR_fsync, 999), EBADF, "fsync(999)");
            t.TST_EXP_PASS(t.sys(__NR_fsync, wo), "fsync");
        });
    }
}
