package org.jstap.runtime.tapset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jstap.runtime.Context;
import org.jstap.runtime.StapError;

/**
 * Reading the current task's user memory (stap's uconversions.stp), as a probe on a syscall reads
 * its pointer arguments: {@code user_string($filename)}. Reads go through the kernel's uaccess
 * without faulting pages in ({@code strncpy_from_user_nofault}), so a handler never sleeps; a bad
 * address is stap's run-time error, {@code user string copy fault -14 at 0x0 [man error::fault]}.
 */
public final class UserMemory {
    private UserMemory() {}

    private static final int EFAULT = 14;

    /** The string at addr, at most n bytes; null after a fault. */
    private static String read(Context c, long addr, long n) {
        int len = (int) Math.max(0, Math.min(n, c.maxStringLen() - 1));
        byte[] buf = new byte[len + 1];
        long rc = c.kernel().uaccess().strncpy_from_user_nofault(buf, addr, len);
        return rc < 0 ? null : new String(buf, 0, (int) rc, StandardCharsets.ISO_8859_1);
    }

    private static StapError stringFault(long addr, String near) {
        return new StapError("user string copy fault -" + EFAULT + " at 0x" + Long.toHexString(addr)
                + " [man error::fault] near " + near);
    }

    @Function(pure = true, near = true)
    public static String user_string(Context c, long addr, String near) {
        return user_string_n(c, addr, Long.MAX_VALUE, near);
    }

    /** user_string(addr, err_msg): err_msg instead of an error when addr cannot be read. */
    @Function(value = "user_string", pure = true)
    public static String user_string_or(Context c, long addr, String errMsg) {
        String s = read(c, addr, Long.MAX_VALUE);
        return s == null ? errMsg : s;
    }

    @Function(value = "user_string_n", pure = true, near = true)
    public static String user_string_n(Context c, long addr, long n, String near) {
        String s = read(c, addr, n);
        if (s == null) {
            throw stringFault(addr, near);
        }
        return s;
    }

    /** The string quoted with C escapes; "NULL" for 0, the address in hex if it cannot be read. */
    @Function(pure = true)
    public static String user_string_quoted(Context c, long addr) {
        return user_string_n_quoted(c, addr, Long.MAX_VALUE);
    }

    /** Quoted like user_string_quoted; {@code "..."...} when n bytes came without the end. */
    @Function(pure = true)
    public static String user_string_n_quoted(Context c, long addr, long n) {
        if (addr == 0) {
            return "NULL";
        }
        String s = read(c, addr, n == Long.MAX_VALUE ? n : n + 1);
        if (s == null) {
            return "0x" + Long.toHexString(addr);
        }
        boolean cut = s.length() > n;
        return c.clip(Strings.string_quoted(cut ? s.substring(0, (int) n) : s) + (cut ? "..." : ""));
    }

    /**
     * The count bytes of a buffer (a write's data) quoted, at most max of them, as strace shows a
     * buffer: {@code "root:x:0:0"...} when cut.
     */
    @Function(pure = true)
    public static String user_buffer_quoted(Context c, long addr, long count, long max) {
        if (addr == 0) {
            return "NULL";
        }
        int n = (int) Math.max(0, Math.min(count, max));
        byte[] buf = new byte[n];
        if (c.kernel().uaccess().copy_from_user_nofault(buf, addr, n) != 0) {
            return "0x" + Long.toHexString(addr);
        }
        StringBuilder out = new StringBuilder("\"");
        for (byte b : buf) {
            Strings.escape(out, (char) (b & 0xff));
        }
        out.append('"');
        if (count > n) {
            out.append("...");
        }
        return c.clip(out.toString());
    }

    private static long load(Context c, long addr, int size, String what, String near) {
        byte[] b = new byte[8];
        if (c.kernel().uaccess().copy_from_user_nofault(b, addr, size) != 0) {
            throw new StapError("user " + what + " copy fault " + "0x" + Long.toHexString(addr)
                    + " [man error::fault] near " + near);
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return switch (size) {
            case 1 -> b[0];
            case 2 -> bb.getShort();
            case 4 -> bb.getInt();
            default -> bb.getLong();
        };
    }

    @Function(pure = true, near = true)
    public static long user_long(Context c, long addr, String near) {
        return load(c, addr, 8, "long", near);
    }

    @Function(pure = true, near = true)
    public static long user_int(Context c, long addr, String near) {
        return load(c, addr, 4, "int", near);
    }

    @Function(pure = true, near = true)
    public static long user_short(Context c, long addr, String near) {
        return load(c, addr, 2, "short", near);
    }

    @Function(pure = true, near = true)
    public static long user_char(Context c, long addr, String near) {
        return load(c, addr, 1, "char", near);
    }
}
