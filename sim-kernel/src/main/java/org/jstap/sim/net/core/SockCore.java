package org.jstap.sim.net.core;

import static org.jstap.sim.net.SocketDefs.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.sched.WaitQueueHead;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.Proto;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;

/**
 * net/core/sock.c: what every protocol's sock shares. A sock is taken from its protocol's slab
 * cache ({@link #proto_register}, {@link #sk_prot_alloc}), set up by {@link #sock_init_data}
 * (buffer sizes from the sysctls, the default wake-up callbacks, the socket's wait queue) and
 * freed by the last {@link #sock_put} once the buffers it sent are gone ({@code sk_wmem_alloc}).
 * SOL_SOCKET options are {@link #sock_setsockopt}/{@link #sock_getsockopt}. The blocking helpers
 * ({@link #sock_alloc_send_pskb}, {@link #sk_wait_event}) sleep interruptibly with the sock's
 * timeouts in jiffies, as Linux's do, so a signal gives -ERESTARTSYS without a timeout and
 * -EINTR with one ({@link #sock_intr_errno}).
 */
@LinuxFile("net/core/sock.c")
public final class SockCore {
    /** sizeof(struct sk_buff), cache-line aligned (SKB_DATA_ALIGN), as truesize counts it. */
    public static final int SKB_STRUCT_SIZE = 256;
    /** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)): the tail every skb head carries. */
    public static final int SKB_SHINFO_SIZE = 320;
    /** SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF: the least SO_SNDBUF / SO_RCVBUF set. */
    public static final int SOCK_MIN_SNDBUF = 2 * (2048 + SKB_STRUCT_SIZE);
    public static final int SOCK_MIN_RCVBUF = 2048 + SKB_STRUCT_SIZE;
    static final int PAGE_SIZE = 4096;
    static final int USEC_PER_SEC = 1_000_000;

    private final Kernel kernel;
    private final Net net;

    public SockCore(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    // ---------------------------------------------------------------- life of a sock

    /** proto_register: the protocol's sock cache ("UNIX", "TCP"...), as /proc/slabinfo lists it. */
    public int proto_register(Proto prot) {
        prot.slab = kernel.slab().kmem_cache_create(prot.name, prot.obj_size);
        return 0;
    }

    /** sk_prot_alloc: a slot in the protocol's cache for a new sock; 0 when memory is short. */
    public long sk_prot_alloc(Proto prot) {
        return kernel.slab().kmem_cache_alloc(prot.slab(), Gfp.GFP_KERNEL);
    }

    /**
     * sock_init_data: a new sock's defaults (buffer sizes, timeouts, the default callbacks), and
     * the link to its socket, whose wait queue becomes the sock's; {@code sock} may be null (a
     * sock made for a connection not accepted yet).
     */
    public void sock_init_data(Socket sock, Sock sk) {
        sk.sk_rcvbuf = net.sysctl_rmem_default;
        sk.sk_sndbuf = net.sysctl_wmem_default;
        sk.sk_state = Sock.TCP_CLOSE;
        sk_set_socket(sk, sock);
        if (sock != null) {
            sk.sk_type = sock.type;
            sk.sk_wq = sock.wq;
            sock.sk = sk;
        } else {
            sk.sk_wq = null;
        }
        sk.sk_state_change = this::sock_def_wakeup;
        sk.sk_data_ready = this::sock_def_readable;
        sk.sk_write_space = this::sock_def_write_space;
        sk.sk_error_report = this::sock_def_error_report;
        sk.sk_destruct = s -> { };
        sk.sk_rcvlowat = 1;
        sk.sk_rcvtimeo = Sock.MAX_SCHEDULE_TIMEOUT;
        sk.sk_sndtimeo = Sock.MAX_SCHEDULE_TIMEOUT;
        sk.sk_peek_off = -1;
        sk.sk_refcnt = 1;
    }

    /** sk_set_socket. */
    public static void sk_set_socket(Sock sk, Socket sock) {
        sk.sk_socket = sock;
    }

    /** sock_graft: an accepted sock joins its new socket (and sleeps on its queue). */
    public void sock_graft(Sock sk, Socket parent) {
        sk.sk_wq = parent.wq;
        parent.sk = sk;
        sk_set_socket(sk, parent);
    }

    /** sock_orphan: the socket is going; the sock lives on, dead, until its last reference. */
    public void sock_orphan(Sock sk) {
        sk.sock_set_flag(Sock.SOCK_DEAD);
        sk_set_socket(sk, null);
        sk.sk_wq = null;
    }

    /** sock_hold: one more reference. */
    public static void sock_hold(Sock sk) {
        sk.sk_refcnt++;
    }

    /** sock_put: one reference less; the last frees the sock. */
    public void sock_put(Sock sk) {
        if (--sk.sk_refcnt == 0) {
            sk_free(sk);
        }
    }

    /** sk_free: the sock goes once the buffers it sent are freed too (sk_wmem_alloc holds 1 for it). */
    public void sk_free(Sock sk) {
        if (--sk.sk_wmem_alloc == 0) {
            __sk_free(sk);
        }
    }

    private void __sk_free(Sock sk) {
        sk.sk_destruct.call(sk);
        kernel.slab().kmem_cache_free(sk.sk_prot.slab(), sk.kaddr());
    }

    // ---------------------------------------------------------------- the socket lock

    /** lock_sock: the caller owns the sock; softirq work for it is put on sk_backlog meanwhile. */
    public void lock_sock(Sock sk) {
        sk.sk_lock_owned = true;
    }

    /** sock_owned_by_user. */
    public static boolean sock_owned_by_user(Sock sk) {
        return sk.sk_lock_owned;
    }

    /**
     * release_sock: the backlog is processed (__release_sock: sk_backlog_rcv for each skb, in
     * arrival order, still owning the sock), then the protocol's deferred work (release_cb), and
     * the lock is let go.
     */
    public void release_sock(Sock sk) {
        __release_sock(sk);
        sk.sk_prot.release_cb(sk);
        sk.sk_lock_owned = false;
    }

    void __release_sock(Sock sk) {
        SkBuff skb;
        while ((skb = SkBuffHead.__skb_dequeue(sk.sk_backlog)) != null) {
            sk.sk_prot.backlog_rcv(sk, skb);
        }
    }

    /** sk_add_backlog: a segment for an owned sock waits for release_sock. */
    public static void sk_add_backlog(Sock sk, SkBuff skb) {
        SkBuffHead.__skb_queue_tail(sk.sk_backlog, skb);
    }

    // ---------------------------------------------------------------- wake-ups

    /** sock_def_wakeup: sk_state_change's default, everyone sleeping on the sock wakes. */
    public void sock_def_wakeup(Sock sk) {
        wake(sk);
    }

    /** sock_def_readable: sk_data_ready's default. */
    public void sock_def_readable(Sock sk) {
        wake(sk);
    }

    /** sock_def_error_report: sk_error_report's default. */
    public void sock_def_error_report(Sock sk) {
        wake(sk);
    }

    /** sock_def_write_space: writers wake once at most half the send buffer is in flight. */
    public void sock_def_write_space(Sock sk) {
        if (sk.sk_wmem_alloc << 1 <= sk.sk_sndbuf) {
            wake(sk);
        }
    }

    private void wake(Sock sk) {
        WaitQueueHead wq = sk.sk_sleep();
        if (wq != null) {
            kernel.waitq().wake_up(wq);
        }
    }

    // ---------------------------------------------------------------- errors and timeouts

    /** sock_error: the pending error, negated, which reading clears; 0 if none. */
    public static int sock_error(Sock sk) {
        int err = sk.sk_err;
        if (err == 0) {
            return 0;
        }
        sk.sk_err = 0;
        return -err;
    }

    /** sock_intr_errno: a sleep cut by a signal restarts when there was no timeout, else EINTR. */
    public static int sock_intr_errno(long timeo) {
        return timeo == Sock.MAX_SCHEDULE_TIMEOUT ? -Wait.ERESTARTSYS : -Errno.EINTR;
    }

    public static long sock_rcvtimeo(Sock sk, boolean noblock) {
        return noblock ? 0 : sk.sk_rcvtimeo;
    }

    public static long sock_sndtimeo(Sock sk, boolean noblock) {
        return noblock ? 0 : sk.sk_sndtimeo;
    }

    /** sock_rcvlowat: how much a stream read waits for (all of it under MSG_WAITALL), at least 1. */
    public static long sock_rcvlowat(Sock sk, boolean waitall, long len) {
        long v = waitall ? len : Math.min(sk.sk_rcvlowat, len);
        return v != 0 ? v : 1;
    }

    private long jiffy_ns() {
        return 1_000_000_000L / kernel.params().hz();
    }

    /**
     * The sleep under Linux's wait loops (sk_wait_event, schedule_timeout): on {@code wq} until
     * {@code cond} holds, a signal is pending or {@code timeo} jiffies pass. Returns the jiffies
     * left (MAX_SCHEDULE_TIMEOUT stays so); the caller checks the condition and signals again.
     */
    public long sk_wait_event(WaitQueueHead wq, long timeo, BooleanSupplier cond) {
        TaskStruct p = kernel.sched().current();
        boolean forever = timeo == Sock.MAX_SCHEDULE_TIMEOUT;
        long deadline = forever ? 0 : kernel.timekeeping().ktime_get_ns() + timeo * jiffy_ns();
        try {
            while (true) {
                if (wq != null) {
                    kernel.waitq().prepare_to_wait(wq, TaskStruct.State.INTERRUPTIBLE);
                }
                if (cond.getAsBoolean() || kernel.signal().signal_pending(p)) {
                    break;
                }
                if (forever) {
                    kernel.sched().schedule();
                    continue;
                }
                long left = deadline - kernel.timekeeping().ktime_get_ns();
                if (left <= 0) {
                    return 0;
                }
                kernel.sched().schedule_timeout(left);
            }
        } finally {
            if (wq != null) {
                kernel.waitq().finish_wait(wq);
            }
        }
        if (forever) {
            return timeo;
        }
        long left = deadline - kernel.timekeeping().ktime_get_ns();
        return left <= 0 ? 0 : (left + jiffy_ns() - 1) / jiffy_ns();
    }

    // ---------------------------------------------------------------- send buffers

    /** sock_wait_for_wmem: sleeps until the send buffer has room, the sock shuts down or fails. */
    long sock_wait_for_wmem(Sock sk, long timeo) {
        return sk_wait_event(sk.sk_sleep(), timeo, () -> sk.sk_wmem_alloc_get() < sk.sk_sndbuf
                || (sk.sk_shutdown & Sock.SEND_SHUTDOWN) != 0 || sk.sk_err != 0);
    }

    /**
     * sock_alloc_send_pskb: waits until less than sk_sndbuf is in flight from {@code sk} (or
     * fails: a pending error, SEND_SHUTDOWN as EPIPE, EAGAIN without a timeout, a signal), then
     * charges a buffer of {@code headerLen} linear and {@code dataLen} paged bytes to the sock
     * (skb_set_owner_w). Returns the buffer's truesize, which {@link #sock_wfree} gives back, or
     * -1 with -errno in {@code errcode[0]}.
     */
    public long sock_alloc_send_pskb(Sock sk, long headerLen, long dataLen, boolean noblock, int maxPageOrder,
            int[] errcode) {
        if (sock_wait_for_send_room(sk, noblock, errcode) < 0) {
            return -1;
        }
        long truesize = alloc_skb_truesize(headerLen, dataLen, maxPageOrder);
        sk.sk_wmem_alloc += truesize;
        return truesize;
    }

    /**
     * sock_alloc_send_skb: the same wait, then a real linear sk_buff of {@code size} bytes owned
     * by {@code sk} (skb_set_owner_w: its truesize is charged until it is freed or orphaned).
     * Null with -errno in {@code errcode[0]} (ENOBUFS when memory is short).
     */
    public SkBuff sock_alloc_send_skb(Sock sk, int size, boolean noblock, int[] errcode) {
        if (sock_wait_for_send_room(sk, noblock, errcode) < 0) {
            return null;
        }
        SkBuff skb = net.skb().alloc_skb(size, Gfp.GFP_KERNEL);
        if (skb == null) {
            errcode[0] = -Errno.ENOBUFS;
            return null;
        }
        skb_set_owner_w(skb, sk);
        return skb;
    }

    /** The wait of sock_alloc_send_pskb: 0 once less than sk_sndbuf is in flight, or -1 with the error. */
    private int sock_wait_for_send_room(Sock sk, boolean noblock, int[] errcode) {
        long timeo = sock_sndtimeo(sk, noblock);
        while (true) {
            int err = sock_error(sk);
            if (err != 0) {
                errcode[0] = err;
                return -1;
            }
            if ((sk.sk_shutdown & Sock.SEND_SHUTDOWN) != 0) {
                errcode[0] = -Errno.EPIPE;
                return -1;
            }
            if (sk.sk_wmem_alloc_get() < sk.sk_sndbuf) {
                return 0;
            }
            if (sk.sk_socket != null) {
                sk.sk_socket.set_bit(Socket.SOCK_NOSPACE, true);
            }
            if (timeo == 0) {
                errcode[0] = -Errno.EAGAIN;
                return -1;
            }
            if (kernel.signal().signal_pending(kernel.sched().current())) {
                errcode[0] = sock_intr_errno(timeo);
                return -1;
            }
            timeo = sock_wait_for_wmem(sk, timeo);
        }
    }

    /** skb_set_owner_w: {@code skb} is charged to {@code sk}'s send buffer until freed (sock_wfree). */
    public void skb_set_owner_w(SkBuff skb, Sock sk) {
        SkBuff.skb_orphan(skb);
        skb.sk = sk;
        skb.destructor = s -> sock_wfree(sk, s.truesize);
        sk.sk_wmem_alloc += skb.truesize;
    }

    /** skb_set_owner_r: {@code skb} is charged to {@code sk}'s receive buffer until freed (sock_rfree). */
    public static void skb_set_owner_r(SkBuff skb, Sock sk) {
        SkBuff.skb_orphan(skb);
        skb.sk = sk;
        skb.destructor = s -> sk.sk_rmem_alloc -= s.truesize;
        sk.sk_rmem_alloc += skb.truesize;
    }

    /**
     * sk_common_release: a datagram sock's close: the protocol lets go (destroy, unhash), the
     * sock is orphaned and loses the socket's reference.
     */
    public void sk_common_release(Sock sk) {
        sk.sk_prot.destroy(sk);
        sk.sk_prot.unhash(sk);
        sock_orphan(sk);
        sock_put(sk);
    }

    /** sock_wfree: a buffer {@code sk} sent is freed; its writers may go on (sk_write_space). */
    public void sock_wfree(Sock sk, long truesize) {
        sk.sk_wmem_alloc -= truesize - 1;
        sk.sk_write_space.call(sk);
        if (--sk.sk_wmem_alloc == 0) {
            __sk_free(sk);
        }
    }

    /**
     * What __alloc_skb and alloc_skb_with_frags charge for a buffer: the head (the linear bytes
     * and skb_shared_info, rounded up to the kmalloc size that holds them) plus struct sk_buff,
     * and each page chunk of the paged part, of the largest order up to {@code maxPageOrder}
     * that the rest fills.
     */
    public static long alloc_skb_truesize(long headerLen, long dataLen, int maxPageOrder) {
        long head = kmalloc_size_roundup(skb_data_align(headerLen) + SKB_SHINFO_SIZE);
        long truesize = head + SKB_STRUCT_SIZE;
        int order = maxPageOrder;
        while (dataLen > 0) {
            long aligned = (dataLen + PAGE_SIZE - 1) & -PAGE_SIZE;
            while (order > 0 && aligned < ((long) PAGE_SIZE << order)) {
                order--;
            }
            long chunk = Math.min(dataLen, (long) PAGE_SIZE << order);
            dataLen -= chunk;
            truesize += (long) PAGE_SIZE << order;
        }
        return truesize;
    }

    /** SKB_DATA_ALIGN: up to a cache line (64 bytes). */
    public static long skb_data_align(long n) {
        return (n + 63) & -64L;
    }

    /** kmalloc_size_roundup: the size of the kmalloc object (or page block) that holds {@code n} bytes. */
    static long kmalloc_size_roundup(long n) {
        long[] sizes = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};
        for (long s : sizes) {
            if (n <= s) {
                return s;
            }
        }
        long block = PAGE_SIZE;
        while (block < n) {
            block <<= 1;
        }
        return block;
    }

    // ---------------------------------------------------------------- SOL_SOCKET options

    private boolean capable_net_admin() {
        TaskStruct t = kernel.sched().current();
        return t == null || t.cred == null || t.cred.euid() == 0;
    }

    private int get_int(long uaddr, int[] out) {
        byte[] b = new byte[4];
        if (kernel.uaccess().copy_from_user(b, 0, uaddr, 4) != 0) {
            return -Errno.EFAULT;
        }
        out[0] = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return 0;
    }

    /** sock_setsockopt: SOL_SOCKET options; {@code optval} is a user address. */
    public int sock_setsockopt(Socket sock, int level, int optname, long optval, int optlen) {
        return sk_setsockopt(sock.sk, level, optname, optval, optlen);
    }

    /** sk_setsockopt: Linux's rules, including the doubling of SO_SNDBUF and SO_RCVBUF. */
    public int sk_setsockopt(Sock sk, int level, int optname, long optval, int optlen) {
        Socket sock = sk.sk_socket;
        if (optlen < 4) {
            return -Errno.EINVAL;
        }
        int[] v = new int[1];
        if (get_int(optval, v) != 0) {
            return -Errno.EFAULT;
        }
        int val = v[0];
        boolean valbool = val != 0;
        switch (optname) {
            case SO_DEBUG -> {
                if (val != 0 && !capable_net_admin()) {
                    return -Errno.EACCES;
                }
                sk.sock_valbool_flag(Sock.SOCK_DBG, valbool);
            }
            case SO_REUSEADDR -> sk.sk_reuse = valbool ? Sock.SK_CAN_REUSE : Sock.SK_NO_REUSE;
            case SO_REUSEPORT -> sk.sk_reuseport = valbool ? 1 : 0;
            case SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ERROR -> {
                return -Errno.ENOPROTOOPT;
            }
            case SO_DONTROUTE -> sk.sock_valbool_flag(Sock.SOCK_LOCALROUTE, valbool);
            case SO_BROADCAST -> sk.sock_valbool_flag(Sock.SOCK_BROADCAST, valbool);
            case SO_SNDBUF -> set_sndbuf(sk, (int) Math.min(Integer.toUnsignedLong(val), net.sysctl_wmem_max));
            case SO_SNDBUFFORCE -> {
                if (!capable_net_admin()) {
                    return -Errno.EPERM;
                }
                set_sndbuf(sk, Math.max(val, 0));
            }
            case SO_RCVBUF -> __sock_set_rcvbuf(sk, (int) Math.min(Integer.toUnsignedLong(val), net.sysctl_rmem_max));
            case SO_RCVBUFFORCE -> {
                if (!capable_net_admin()) {
                    return -Errno.EPERM;
                }
                __sock_set_rcvbuf(sk, Math.max(val, 0));
            }
            case SO_KEEPALIVE -> {
                sk.sk_prot.keepalive(sk, valbool);
                sk.sock_valbool_flag(Sock.SOCK_KEEPOPEN, valbool);
            }
            case SO_OOBINLINE -> sk.sock_valbool_flag(Sock.SOCK_URGINLINE, valbool);
            case SO_PRIORITY -> {
                if ((val < 0 || val > 6) && !capable_net_admin()) {
                    return -Errno.EPERM;
                }
                sk.sk_priority = val;
            }
            case SO_LINGER -> {
                if (optlen < 8) {
                    return -Errno.EINVAL;
                }
                int[] linger = new int[1];
                if (get_int(optval + 4, linger) != 0) {
                    return -Errno.EFAULT;
                }
                if (val == 0) {
                    sk.sock_reset_flag(Sock.SOCK_LINGER);
                } else {
                    sk.sk_lingertime = Integer.toUnsignedLong(linger[0]) * kernel.params().hz();
                    sk.sock_set_flag(Sock.SOCK_LINGER);
                }
            }
            case SO_BSDCOMPAT -> { }
            case SO_PASSCRED -> sock.set_bit(Socket.SOCK_PASSCRED, valbool);
            case SO_RCVLOWAT -> sk.sk_rcvlowat = val < 0 ? Integer.MAX_VALUE : (val != 0 ? val : 1);
            case SO_RCVTIMEO_OLD, SO_RCVTIMEO_NEW -> {
                long[] t = {sk.sk_rcvtimeo};
                int r = sock_set_timeout(t, optval, optlen);
                sk.sk_rcvtimeo = t[0];
                return r;
            }
            case SO_SNDTIMEO_OLD, SO_SNDTIMEO_NEW -> {
                long[] t = {sk.sk_sndtimeo};
                int r = sock_set_timeout(t, optval, optlen);
                sk.sk_sndtimeo = t[0];
                return r;
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    private void set_sndbuf(Sock sk, int val) {
        val = Math.min(val, Integer.MAX_VALUE / 2);
        sk.sk_userlocks |= Sock.SOCK_SNDBUF_LOCK;
        sk.sk_sndbuf = Math.max(val * 2, SOCK_MIN_SNDBUF);
        // wake up sending tasks if the value went up
        sk.sk_write_space.call(sk);
    }

    /** __sock_set_rcvbuf: doubled, for the struct sk_buff overhead applications do not count. */
    void __sock_set_rcvbuf(Sock sk, int val) {
        val = Math.min(val, Integer.MAX_VALUE / 2);
        sk.sk_userlocks |= Sock.SOCK_RCVBUF_LOCK;
        sk.sk_rcvbuf = Math.max(val * 2, SOCK_MIN_RCVBUF);
    }

    /** sock_set_timeout: a struct timeval in jiffies (rounded up); 0/0 is no timeout, negative seconds 0. */
    int sock_set_timeout(long[] timeo, long optval, int optlen) {
        if (optlen < 16) {
            return -Errno.EINVAL;
        }
        byte[] raw = new byte[16];
        if (kernel.uaccess().copy_from_user(raw, 0, optval, 16) != 0) {
            return -Errno.EFAULT;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long sec = b.getLong(0);
        long usec = b.getLong(8);
        if (usec < 0 || usec >= USEC_PER_SEC) {
            return -Errno.EDOM;
        }
        int hz = kernel.params().hz();
        if (sec < 0) {
            timeo[0] = 0;
            TaskStruct t = kernel.sched().current();
            kernel.printk().printk(Printk.KERN_INFO, "sock_set_timeout: `" + t.comm + "' (pid " + t.pid
                    + ") tries to set negative timeout");
            return 0;
        }
        long val = Sock.MAX_SCHEDULE_TIMEOUT;
        if ((sec != 0 || usec != 0) && sec < Sock.MAX_SCHEDULE_TIMEOUT / hz - 1) {
            long per = USEC_PER_SEC / hz;
            val = sec * hz + (usec + per - 1) / per;
        }
        timeo[0] = val;
        return 0;
    }

    /** sock_get_timeout: jiffies back to a struct timeval (0/0 for none). */
    private byte[] sock_get_timeout(long timeo) {
        int hz = kernel.params().hz();
        long sec = 0;
        long usec = 0;
        if (timeo != Sock.MAX_SCHEDULE_TIMEOUT) {
            sec = timeo / hz;
            usec = (timeo % hz) * USEC_PER_SEC / hz;
        }
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(sec).putLong(usec).array();
    }

    /** sock_getsockopt: SOL_SOCKET options; {@code optval} and {@code optlen} are user addresses. */
    public int sock_getsockopt(Socket sock, int level, int optname, long optval, long optlen) {
        return sk_getsockopt(sock.sk, level, optname, optval, optlen);
    }

    /** sk_getsockopt: the value, cut to the caller's length, which is set to what was written. */
    public int sk_getsockopt(Sock sk, int level, int optname, long optval, long optlen) {
        Socket sock = sk.sk_socket;
        int[] lenv = new int[1];
        if (get_int(optlen, lenv) != 0) {
            return -Errno.EFAULT;
        }
        int len = lenv[0];
        if (len < 0) {
            return -Errno.EINVAL;
        }
        byte[] v = null;
        int val = 0;
        switch (optname) {
            case SO_DEBUG -> val = bool(sk.sock_flag(Sock.SOCK_DBG));
            case SO_DONTROUTE -> val = bool(sk.sock_flag(Sock.SOCK_LOCALROUTE));
            case SO_BROADCAST -> val = bool(sk.sock_flag(Sock.SOCK_BROADCAST));
            case SO_SNDBUF -> val = sk.sk_sndbuf;
            case SO_RCVBUF -> val = sk.sk_rcvbuf;
            case SO_REUSEADDR -> val = sk.sk_reuse;
            case SO_REUSEPORT -> val = sk.sk_reuseport;
            case SO_KEEPALIVE -> val = bool(sk.sock_flag(Sock.SOCK_KEEPOPEN));
            case SO_TYPE -> val = sk.sk_type;
            case SO_PROTOCOL -> val = sk.sk_protocol;
            case SO_DOMAIN -> val = sk.sk_family;
            case SO_ERROR -> {
                val = -sock_error(sk);
                if (val == 0) {
                    val = sk.sk_err_soft;
                    sk.sk_err_soft = 0;
                }
            }
            case SO_OOBINLINE -> val = bool(sk.sock_flag(Sock.SOCK_URGINLINE));
            case SO_NO_CHECK -> val = 0;
            case SO_PRIORITY -> val = sk.sk_priority;
            case SO_LINGER -> v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(bool(sk.sock_flag(Sock.SOCK_LINGER)))
                    .putInt((int) (sk.sk_lingertime / kernel.params().hz())).array();
            case SO_BSDCOMPAT -> val = 0;
            case SO_RCVTIMEO_OLD, SO_RCVTIMEO_NEW -> v = sock_get_timeout(sk.sk_rcvtimeo);
            case SO_SNDTIMEO_OLD, SO_SNDTIMEO_NEW -> v = sock_get_timeout(sk.sk_sndtimeo);
            case SO_RCVLOWAT -> val = sk.sk_rcvlowat;
            case SO_SNDLOWAT -> val = 1;
            case SO_PASSCRED -> val = bool(sock.test_bit(Socket.SOCK_PASSCRED));
            case SO_PEERCRED -> {
                // struct ucred: pid, uid, gid (-1 when nobody is on the other end)
                Cred c = sk.sk_peer_cred;
                byte[] ucred = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(sk.sk_peer_pid)
                        .putInt(c == null ? -1 : c.euid()).putInt(c == null ? -1 : c.egid()).array();
                return put_opt(ucred, Math.min(len, 12), optval, optlen);
            }
            case SO_PEERNAME -> {
                byte[] address = new byte[SOCKADDR_STORAGE_SIZE];
                int lv = sock.ops.getname(sock, address, 2);
                if (lv < 0) {
                    return -Errno.ENOTCONN;
                }
                if (lv < len) {
                    return -Errno.EINVAL;
                }
                return put_opt(address, len, optval, optlen);
            }
            case SO_ACCEPTCONN -> val = bool(sk.sk_state == Sock.TCP_LISTEN);
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        if (v == null) {
            v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(val).array();
        }
        return put_opt(v, Math.min(len, v.length), optval, optlen);
    }

    private static int bool(boolean b) {
        return b ? 1 : 0;
    }

    /** Copies {@code len} bytes of the value out and stores {@code len} at optlen (lenout). */
    private int put_opt(byte[] v, int len, long optval, long optlen) {
        if (len > 0 && kernel.uaccess().copy_to_user(optval, v, 0, len) != 0) {
            return -Errno.EFAULT;
        }
        byte[] l = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(len).array();
        return kernel.uaccess().copy_to_user(optlen, l, 0, 4) != 0 ? -Errno.EFAULT : 0;
    }
}
