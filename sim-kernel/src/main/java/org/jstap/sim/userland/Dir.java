package org.jstap.sim.userland;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * dirent.h: a directory stream over getdents64. The records ({@code struct linux_dirent64}:
 * d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name NUL-terminated) land in a user buffer and
 * are decoded from there one batch at a time.
 */
public final class Dir {
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    private static final int BUF = 4096;

    /** One directory entry. */
    public record Dirent(long d_ino, long d_off, int d_type, String d_name) {}

    private final Libc libc;
    private final int fd;

    private Dir(Libc libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /** opendir(3) relative to {@code dirfd}: the stream, or null with {@link Libc#errno} set. */
    public static Dir openat(Libc libc, int dirfd, String path) {
        long fd = libc.openat(dirfd, path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            libc.errno = (int) -fd;
            return null;
        }
        return new Dir(libc, (int) fd);
    }

    public int fd() {
        return fd;
    }

    /** Every entry (including . and ..), or null with {@link Libc#errno} set when getdents64 fails. */
    public List<Dirent> readAll() {
        List<Dirent> out = new ArrayList<>();
        long buf = libc.push(BUF);
        byte[] raw = new byte[BUF];
        while (true) {
            long n = libc.getdents64(fd, buf, BUF);
            if (n <= 0) {
                libc.pop(buf, BUF);
                if (n < 0) {
                    libc.errno = (int) -n;
                    return null;
                }
                return out;
            }
            libc.cpu().read(buf, raw, 0, (int) n);
            decode(raw, (int) n, out);
        }
    }

    /** Decodes {@code n} bytes of linux_dirent64 records. */
    static void decode(byte[] raw, int n, List<Dirent> out) {
        int off = 0;
        while (off + 19 <= n) {
            long ino = le(raw, off, 8);
            long doff = le(raw, off + 8, 8);
            int reclen = (int) le(raw, off + 16, 2);
            int type = raw[off + 18] & 0xff;
            int end = off + 19;
            while (end < off + reclen && raw[end] != 0) {
                end++;
            }
            out.add(new Dirent(ino, doff, type, new String(raw, off + 19, end - off - 19, StandardCharsets.ISO_8859_1)));
            if (reclen <= 0) {
                return;
            }
            off += reclen;
        }
    }

    private static long le(byte[] b, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    public long close() {
        return libc.close(fd);
    }
}
