package org.jstap.sim.lib;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.arch.riscv.Uaccess;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * lib/iov_iter.c: struct iov_iter, a position in a list of buffers that a transfer fills or
 * drains. An ITER_IOVEC iterator walks user memory (readv's iovecs, a recvmsg's msg_iov, or the
 * single buffer of read/sendto as ITER_UBUF), an ITER_KVEC one a kernel buffer. Whoever moves
 * the data (a socket's sendmsg, recvmsg) calls {@link #copy_from_iter}/{@link #copy_to_iter}
 * and never needs to know which: that is why sockets take iterators, so readv(2) on a datagram
 * socket is one datagram and write(2) of 1 MiB on a stream is one sendmsg.
 *
 * <pre>{@code
 * IovIter to = IovIter.import_single_range(uaccess, buf, len, err);   // recvfrom's buffer
 * int n = to.copy_to_iter(data, 0, data.length);                       // short on a fault
 * }</pre>
 */
@LinuxFile("lib/iov_iter.c")
public final class IovIter {
    /** UIO_MAXIOV: the most segments one call takes. */
    public static final int UIO_MAXIOV = 1024;
    /** MAX_RW_COUNT: one transfer moves at most INT_MAX rounded down to a page. */
    public static final long MAX_RW_COUNT = 0x7ffff000L;

    /** Where the bytes are: user memory (ITER_IOVEC/ITER_UBUF) or a kernel array (ITER_KVEC). */
    public enum Type { ITER_IOVEC, ITER_KVEC }

    public final Type iter_type;
    private final Uaccess uaccess;
    /** The segments: user addresses (or offsets into kbuf) and lengths. */
    private final long[] base;
    private final long[] len;
    private final byte[] kbuf;
    /** The segment the position is in, and how far into it (iov_offset). */
    private int nr_seg;
    private long iov_offset;
    /** Bytes left from the position on. */
    private long count;

    private IovIter(Type type, Uaccess uaccess, long[] base, long[] len, byte[] kbuf) {
        this.iter_type = type;
        this.uaccess = uaccess;
        this.base = base;
        this.len = len;
        this.kbuf = kbuf;
        long total = 0;
        for (long l : len) {
            total += l;
        }
        this.count = total;
    }

    /** iov_iter_kvec over {@code buf[off..off+n)}. */
    public static IovIter kvec(byte[] buf, int off, int n) {
        return new IovIter(Type.ITER_KVEC, null, new long[] {off}, new long[] {n}, buf);
    }

    /**
     * import_single_range: one user buffer (read, write, sendto, recvfrom), clamped to
     * MAX_RW_COUNT; null with -EFAULT in {@code err[0]} if it is not in user space.
     */
    public static IovIter import_single_range(Uaccess uaccess, long buf, long n, int[] err) {
        if (n < 0 || n > MAX_RW_COUNT) {
            n = MAX_RW_COUNT;
        }
        if (!Uaccess.access_ok(buf, n)) {
            err[0] = -Errno.EFAULT;
            return null;
        }
        return new IovIter(Type.ITER_IOVEC, uaccess, new long[] {buf}, new long[] {n}, null);
    }

    /**
     * import_iovec: the {@code nr} struct iovecs at {@code uvec}. More than UIO_MAXIOV is EINVAL,
     * an unreadable array or a segment outside user space EFAULT, a negative length EINVAL; the
     * total is clamped to MAX_RW_COUNT by shortening the segment that crosses it. Null with the
     * error in {@code err[0]}.
     */
    public static IovIter import_iovec(Uaccess uaccess, long uvec, long nr, int[] err) {
        if (nr < 0 || nr > UIO_MAXIOV) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        int n = (int) nr;
        byte[] raw = new byte[16 * n];
        if (n > 0 && uaccess.copy_from_user(raw, 0, uvec, raw.length) != 0) {
            err[0] = -Errno.EFAULT;
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] base = new long[n];
        long[] len = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            base[i] = b.getLong(16 * i);
            len[i] = b.getLong(16 * i + 8);
            if (len[i] < 0) {
                err[0] = -Errno.EINVAL;
                return null;
            }
            if (!Uaccess.access_ok(base[i], len[i])) {
                err[0] = -Errno.EFAULT;
                return null;
            }
            if (len[i] > MAX_RW_COUNT - total) {
                len[i] = MAX_RW_COUNT - total;
            }
            total += len[i];
        }
        return new IovIter(Type.ITER_IOVEC, uaccess, base, len, null);
    }

    /** iov_iter_count: bytes left. */
    public long iov_iter_count() {
        return count;
    }

    /** Whether the iterator walks user memory (user_backed_iter). */
    public boolean user_backed_iter() {
        return iter_type == Type.ITER_IOVEC;
    }

    /**
     * copy_from_iter: up to {@code n} bytes from the position into {@code to[off..]}; the
     * position advances by what was copied, which is short if a user page faults.
     */
    public int copy_from_iter(byte[] to, int off, int n) {
        return move(to, off, n, false);
    }

    /** copy_to_iter: up to {@code n} bytes of {@code from[off..]} to the position; short on a fault. */
    public int copy_to_iter(byte[] from, int off, int n) {
        return move(from, off, n, true);
    }

    /** iov_iter_advance: skips {@code n} bytes. */
    public void iov_iter_advance(long n) {
        n = Math.min(n, count);
        count -= n;
        while (n > 0) {
            long left = len[nr_seg] - iov_offset;
            if (n < left) {
                iov_offset += n;
                return;
            }
            n -= left;
            nr_seg++;
            iov_offset = 0;
        }
        skip_empty();
    }

    private void skip_empty() {
        while (nr_seg < len.length && iov_offset == len[nr_seg]) {
            nr_seg++;
            iov_offset = 0;
        }
    }

    private int move(byte[] buf, int off, int n, boolean toIter) {
        int done = 0;
        skip_empty();
        while (done < n && count > 0) {
            int chunk = (int) Math.min(n - done, len[nr_seg] - iov_offset);
            long at = base[nr_seg] + iov_offset;
            int missed;
            if (iter_type == Type.ITER_KVEC) {
                if (toIter) {
                    System.arraycopy(buf, off + done, kbuf, (int) at, chunk);
                } else {
                    System.arraycopy(kbuf, (int) at, buf, off + done, chunk);
                }
                missed = 0;
            } else {
                missed = toIter ? uaccess.copy_to_user(at, buf, off + done, chunk)
                        : uaccess.copy_from_user(buf, off + done, at, chunk);
            }
            int moved = chunk - missed;
            done += moved;
            iov_iter_advance(moved);
            if (missed != 0) {
                break;
            }
        }
        return done;
    }
}
