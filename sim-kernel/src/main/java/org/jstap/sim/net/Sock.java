package org.jstap.sim.net;

import org.jstap.sim.kernel.KernelObject;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * struct sock (include/net/sock.h): the network-layer half of a socket, what a protocol keeps:
 * its state, buffer limits and accounting, error and shutdown bits, options, the wait queue its
 * sleepers use and the callbacks that wake them. Protocols extend it as Linux embeds it
 * ({@code struct unix_sock}, later {@code inet_sock} and {@code tcp_sock}). Its life is counted
 * by {@code sk_refcnt} ({@code sock_hold}/{@code sock_put} in {@link org.jstap.sim.net.core.SockCore}); the last put frees it.
 * Guarded by the machine's single running thread (Linux: the socket lock and sk_callback_lock).
 */
public class Sock implements KernelObject {
    /** sk_state values (include/net/tcp_states.h), used by every family. */
    public static final int TCP_ESTABLISHED = 1;
    public static final int TCP_SYN_SENT = 2;
    public static final int TCP_SYN_RECV = 3;
    public static final int TCP_FIN_WAIT1 = 4;
    public static final int TCP_FIN_WAIT2 = 5;
    public static final int TCP_TIME_WAIT = 6;
    public static final int TCP_CLOSE = 7;
    public static final int TCP_CLOSE_WAIT = 8;
    public static final int TCP_LAST_ACK = 9;
    public static final int TCP_LISTEN = 10;
    public static final int TCP_CLOSING = 11;

    /** sk_shutdown bits. */
    public static final int RCV_SHUTDOWN = 1;
    public static final int SEND_SHUTDOWN = 2;
    public static final int SHUTDOWN_MASK = 3;

    /** enum sock_flags: bits of {@code sk_flags}. */
    public static final int SOCK_DEAD = 0;
    public static final int SOCK_DONE = 1;
    public static final int SOCK_URGINLINE = 2;
    public static final int SOCK_KEEPOPEN = 3;
    public static final int SOCK_LINGER = 4;
    public static final int SOCK_BROADCAST = 6;
    public static final int SOCK_DBG = 10;
    public static final int SOCK_LOCALROUTE = 13;

    /** sk_userlocks: the buffer sizes were set by the user and are not tuned. */
    public static final int SOCK_SNDBUF_LOCK = 1;
    public static final int SOCK_RCVBUF_LOCK = 2;

    /** sk_reuse values. */
    public static final int SK_NO_REUSE = 0;
    public static final int SK_CAN_REUSE = 1;

    /** MAX_SCHEDULE_TIMEOUT: a timeout that never runs out (sk_rcvtimeo, sk_sndtimeo default). */
    public static final long MAX_SCHEDULE_TIMEOUT = Long.MAX_VALUE;

    /** A sock callback (sk_state_change, sk_data_ready, sk_write_space, sk_error_report, sk_destruct). */
    @FunctionalInterface
    public interface Callback {
        void call(Sock sk);
    }

    public final int sk_family;
    public int sk_type;
    public int sk_protocol;
    public final Proto sk_prot;
    public int sk_state = TCP_CLOSE;
    public int sk_shutdown;
    /** A pending error (errno, positive), reported once by sock_error; sk_err_soft is SO_ERROR's fallback. */
    public int sk_err;
    public int sk_err_soft;
    public int sk_rcvbuf;
    public int sk_sndbuf;
    /** Bytes of buffers this sock sent that are not freed yet; starts at 1, as Linux's refcount does. */
    public long sk_wmem_alloc = 1;
    public long sk_rmem_alloc;
    public int sk_userlocks;
    public int sk_reuse;
    public int sk_reuseport;
    public long sk_flags;
    public int sk_priority;
    public int sk_rcvlowat = 1;
    /** Receive and send timeouts in jiffies (MAX_SCHEDULE_TIMEOUT: none). */
    public long sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
    public long sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
    public long sk_lingertime;
    public int sk_max_ack_backlog;
    public int sk_ack_backlog;
    public int sk_peek_off = -1;
    /** SO_PEERCRED: who was on the other end when the connection was made. */
    public int sk_peer_pid;
    public Cred sk_peer_cred;
    /** The BSD socket this sock belongs to, or null (orphaned, or not yet accepted). */
    public Socket sk_socket;
    /** Where sleepers on this sock wait (sk_sleep): the socket's queue once grafted. */
    public WaitQueueHead sk_wq;
    public int sk_refcnt = 1;
    public Callback sk_state_change;
    public Callback sk_data_ready;
    public Callback sk_write_space;
    public Callback sk_error_report;
    public Callback sk_destruct;
    /** sk_lock.owned: a task holds the socket lock (lock_sock); segments arriving meanwhile wait on sk_backlog. */
    public boolean sk_lock_owned;
    /** sk_backlog: what softirq context could not process while the user owned the sock (TCP). */
    public final org.jstap.sim.net.core.SkBuffHead sk_backlog = new org.jstap.sim.net.core.SkBuffHead();
    /** Where sk_alloc put the struct in the protocol's slab cache. */
    public final long kaddr;

    protected Sock(int family, Proto prot, long kaddr) {
        this.sk_family = family;
        this.sk_prot = prot;
        this.kaddr = kaddr;
    }

    public final boolean sock_flag(int flag) {
        return (sk_flags & (1L << flag)) != 0;
    }

    public final void sock_set_flag(int flag) {
        sk_flags |= 1L << flag;
    }

    public final void sock_reset_flag(int flag) {
        sk_flags &= ~(1L << flag);
    }

    public final void sock_valbool_flag(int flag, boolean on) {
        if (on) {
            sock_set_flag(flag);
        } else {
            sock_reset_flag(flag);
        }
    }

    /** sk_sleep: the wait queue of this sock's sleepers. */
    public final WaitQueueHead sk_sleep() {
        return sk_wq;
    }

    /** sk_wmem_alloc_get: bytes in flight from this sock (SIOCOUTQ). */
    public final long sk_wmem_alloc_get() {
        return sk_wmem_alloc - 1;
    }

    @Override
    public final long kaddr() {
        return kaddr;
    }
}
