package org.jstap.runtime.tapset;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jstap.runtime.Context;

/**
 * What the file calls write back, as strace 6 prints it once they returned: struct stat
 * ({@code {st_mode=S_IFREG|0644, st_size=236, ...}}), struct statx, getdents64's entries
 * ({@code 0x3fffffeea0 /* 14 entries * /}) and, with {@code verbose} (strace's {@code -v}), each
 * structure whole. The layouts are riscv64's (asm-generic struct stat, 128 bytes). A call that
 * failed wrote nothing, so its buffer prints as the address, as strace shows it.
 *
 * <pre>{@code
 * probe syscall.fstat.return { println(_struct_stat_u($statbuf, $return, 0)) }
 * }</pre>
 */
public final class StatArgs {
    private StatArgs() {}

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /**
     * strace's sprinttime_nsec as a comment: {@code  /* 2026-01-01T00:00:00.000000123+0000 * /};
     * the fraction only when there is one, nothing for the epoch itself (the machine's zone is UTC).
     */
    static String timeComment(long sec, long nsec) {
        if (sec == 0 && nsec == 0 || nsec < 0 || nsec > 999_999_999L) {
            return "";
        }
        return " /* " + ISO.format(Instant.ofEpochSecond(sec)) + (nsec > 0 ? String.format(".%09d", nsec) : "")
                + "+0000 */";
    }

    /** print_symbolic_mode_t: the file type, then S_ISUID|S_ISGID|S_ISVTX, then the permissions in octal. */
    static String mode(long mode) {
        String type = SyscallFlags.file_type(mode);
        StringBuilder out = new StringBuilder(type.isEmpty() ? "" : type + "|");
        if ((mode & 04000) != 0) {
            out.append("S_ISUID|");
        }
        if ((mode & 02000) != 0) {
            out.append("S_ISGID|");
        }
        if ((mode & 01000) != 0) {
            out.append("S_ISVTX|");
        }
        return out.append(String.format("%#03o", mode & 0777)).toString();
    }

    /** PRINT_FIELD_DEV: {@code makedev(0x1, 0x3)}, a zero part as 0 (new_encode_dev's layout). */
    static String makedev(long dev) {
        long major = (dev & 0xfff00) >>> 8;
        long minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
        return "makedev(" + hex(major) + ", " + hex(minor) + ")";
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /**
     * _struct_stat_u(addr, ret, verbose): the struct stat a stat call wrote: mode and size (the
     * device number for a device node) and {@code ...}; all fields with verbose; the address if
     * the call failed or the memory cannot be read.
     */
    @Function(value = "_struct_stat_u", pure = true)
    public static String struct_stat_u(Context c, long addr, long ret, long verbose) {
        ByteBuffer b = SyscallFlags.result(c, addr, 128, ret);
        if (b == null) {
            return SyscallFlags.pointer(addr);
        }
        long mode = b.getInt(16) & 0xffffffffL;
        boolean device = (mode & 0170000) == 0020000 || (mode & 0170000) == 0060000;
        StringBuilder out = new StringBuilder("{");
        if (verbose != 0) {
            out.append("st_dev=").append(makedev(b.getLong(0))).append(", st_ino=").append(Long.toUnsignedString(b.getLong(8)))
                    .append(", st_mode=").append(mode(mode)).append(", st_nlink=").append(b.getInt(20) & 0xffffffffL)
                    .append(", st_uid=").append(b.getInt(24) & 0xffffffffL).append(", st_gid=")
                    .append(b.getInt(28) & 0xffffffffL).append(", st_blksize=").append(b.getInt(56))
                    .append(", st_blocks=").append(b.getLong(64));
        } else {
            out.append("st_mode=").append(mode(mode));
        }
        out.append(device ? ", st_rdev=" + makedev(b.getLong(32)) : ", st_size=" + b.getLong(48));
        if (verbose == 0) {
            return out.append(", ...}").toString();
        }
        String[] names = {"atime", "mtime", "ctime"};
        for (int i = 0; i < 3; i++) {
            long sec = b.getLong(72 + 16 * i);
            long nsec = b.getLong(80 + 16 * i);
            out.append(", st_").append(names[i]).append('=').append(sec).append(timeComment(sec, nsec)).append(", st_")
                    .append(names[i]).append("_nsec=").append(nsec);
        }
        return out.append('}').toString();
    }

    private static final long[] STATX_ATTR_BITS = {0x4, 0x10, 0x20, 0x40, 0x800, 0x1000, 0x2000, 0x100000,
        0x200000};
    private static final String[] STATX_ATTR_NAMES = {"STATX_ATTR_COMPRESSED", "STATX_ATTR_IMMUTABLE",
        "STATX_ATTR_APPEND", "STATX_ATTR_NODUMP", "STATX_ATTR_ENCRYPTED", "STATX_ATTR_AUTOMOUNT",
        "STATX_ATTR_MOUNT_ROOT", "STATX_ATTR_VERITY", "STATX_ATTR_DAX"};

    private static String attrs(long v) {
        return Syscalls.flags(v, STATX_ATTR_BITS, STATX_ATTR_NAMES, "0");
    }

    /** A struct statx_timestamp: {@code {tv_sec=1767225600, tv_nsec=0} /* 2026-01-01T00:00:00+0000 * /}. */
    private static String statxTime(ByteBuffer b, int off) {
        long sec = b.getLong(off);
        long nsec = b.getInt(off + 8) & 0xffffffffL;
        return "{tv_sec=" + sec + ", tv_nsec=" + nsec + "}" + timeComment(sec, nsec);
    }

    /**
     * _struct_statx_u(addr, ret, verbose): struct statx as strace prints it: mask, attributes,
     * mode, size and {@code ...}; everything the mask says was filled in with verbose.
     */
    @Function(value = "_struct_statx_u", pure = true)
    public static String struct_statx_u(Context c, long addr, long ret, long verbose) {
        ByteBuffer b = SyscallFlags.result(c, addr, 256, ret);
        if (b == null) {
            return SyscallFlags.pointer(addr);
        }
        long mask = b.getInt(0) & 0xffffffffL;
        boolean v = verbose != 0;
        StringBuilder out = new StringBuilder("{stx_mask=").append(SyscallFlags.statx_mask_str(mask));
        if (v) {
            out.append(", stx_blksize=").append(b.getInt(4) & 0xffffffffL);
        }
        out.append(", stx_attributes=").append(attrs(b.getLong(8)));
        if (v) {
            out.append(", stx_nlink=").append(b.getInt(16) & 0xffffffffL).append(", stx_uid=")
                    .append(b.getInt(20) & 0xffffffffL).append(", stx_gid=").append(b.getInt(24) & 0xffffffffL);
        }
        out.append(", stx_mode=").append(mode(b.getShort(28) & 0xffff));
        if (v) {
            out.append(", stx_ino=").append(Long.toUnsignedString(b.getLong(32)));
        }
        out.append(", stx_size=").append(Long.toUnsignedString(b.getLong(40)));
        if (!v) {
            return out.append(", ...}").toString();
        }
        out.append(", stx_blocks=").append(Long.toUnsignedString(b.getLong(48))).append(", stx_attributes_mask=")
                .append(attrs(b.getLong(56))).append(", stx_atime=").append(statxTime(b, 64));
        if ((mask & 0x800) != 0) {
            out.append(", stx_btime=").append(statxTime(b, 80));
        }
        out.append(", stx_ctime=").append(statxTime(b, 96)).append(", stx_mtime=").append(statxTime(b, 112))
                .append(", stx_rdev_major=").append(b.getInt(128) & 0xffffffffL).append(", stx_rdev_minor=")
                .append(b.getInt(132) & 0xffffffffL).append(", stx_dev_major=").append(b.getInt(136) & 0xffffffffL)
                .append(", stx_dev_minor=").append(b.getInt(140) & 0xffffffffL);
        if ((mask & 0x1000) != 0) {
            out.append(", stx_mnt_id=0x").append(Long.toHexString(b.getLong(144)));
        }
        return out.append('}').toString();
    }

    private static final String[] DT_NAMES = {"DT_UNKNOWN", "DT_FIFO", "DT_CHR", null, "DT_DIR", null, "DT_BLK",
        null, "DT_REG", null, "DT_LNK", null, "DT_SOCK", null, "DT_WHT"};

    /**
     * _dirents_u(addr, ret, verbose): the struct linux_dirent64 entries getdents64 wrote in its
     * first {@code ret} bytes: {@code 0x3fffffeea0 /* 3 entries * /}, or with verbose
     * {@code [{d_ino=2, d_off=1, d_reclen=24, d_type=DT_DIR, d_name="."}, ...]}; the address if
     * the call failed.
     */
    @Function(value = "_dirents_u", pure = true)
    public static String dirents_u(Context c, long addr, long ret, long verbose) {
        ByteBuffer b = ret < 0 ? null : ret == 0 ? ByteBuffer.allocate(0) : SyscallFlags.read(c, addr, (int) Math.min(ret, 1 << 20));
        if (b == null) {
            return SyscallFlags.pointer(addr);
        }
        StringBuilder out = new StringBuilder(verbose != 0 ? "[" : SyscallFlags.pointer(addr));
        int count = 0;
        int off = 0;
        while (off + 19 <= b.limit()) {
            int reclen = b.getShort(off + 16) & 0xffff;
            if (reclen < 19 || off + reclen > b.limit()) {
                break;
            }
            if (verbose != 0) {
                int dtype = b.get(off + 18) & 0xff;
                int end = off + 19;
                while (end < off + reclen && b.get(end) != 0) {
                    end++;
                }
                byte[] name = new byte[end - off - 19];
                b.get(off + 19, name);
                String type = dtype < DT_NAMES.length && DT_NAMES[dtype] != null ? DT_NAMES[dtype]
                        : "0x" + Integer.toHexString(dtype) + " /* DT_??? */";
                out.append(count == 0 ? "" : ", ").append("{d_ino=").append(Long.toUnsignedString(b.getLong(off)))
                        .append(", d_off=").append(b.getLong(off + 8)).append(", d_reclen=").append(reclen)
                        .append(", d_type=").append(type).append(", d_name=")
                        .append(SyscallFlags.quote(name, name.length, 0)).append('}');
            }
            count++;
            off += reclen;
        }
        if (verbose != 0) {
            return c.clip(out.append(']').toString());
        }
        return out.append(" /* ").append(count).append(off < b.limit() ? "+" : "").append(" entries */").toString();
    }
}
