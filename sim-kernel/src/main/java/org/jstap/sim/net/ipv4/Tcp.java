package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.SocketDefs.*;
import static org.jstap.sim.net.ipv4.TcpSkbCb.TCP_SKB_CB;
import static org.jstap.sim.net.ipv4.TcpSkbCb.after;
import static org.jstap.sim.net.ipv4.TcpSkbCb.before;
import static org.jstap.sim.net.ipv4.TcpSock.tcp_sk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.Siginfo;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;
import org.jstap.sim.net.core.SkBuffs;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/tcp.c: TCP's socket calls. {@link #tcp_sendmsg} copies the user's bytes into skbs of
 * at most one MSS on the write queue (waiting for send-buffer room, EPIPE and SIGPIPE after a
 * shutdown or reset) and pushes them ({@link #tcp_push} -> {@code __tcp_push_pending_frames ->
 * tcp_write_xmit -> tcp_transmit_skb -> ip_queue_xmit}); {@link #tcp_recvmsg} copies in-order data
 * from the receive queue (blocking, MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, SO_RCVTIMEO, EOF after
 * the peer's FIN) and opens the window again ({@link #tcp_cleanup_rbuf}); {@link #tcp_poll};
 * {@link #tcp_close} (FIN, or RST when unread data is thrown away), {@link #tcp_shutdown},
 * {@link #tcp_disconnect}; SOL_TCP options; {@link #tcp_set_state}, where every state change
 * fires the inet_sock_set_state tracepoint. The constants of include/net/tcp.h live here.
 *
 * <pre>{@code
 * write(fd, buf, n) -> sock_write_iter -> sock_sendmsg -> inet_sendmsg -> tcp_sendmsg
 *     -> tcp_push -> __tcp_push_pending_frames -> tcp_write_xmit -> tcp_transmit_skb -> ip_queue_xmit
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp.c")
public final class Tcp {
    /** MAX_TCP_HEADER: headroom every TCP skb reserves for the TCP, IP and link headers. */
    public static final int MAX_TCP_HEADER = 320;
    /** TCP_MSS_DEFAULT / TCP_MIN_MSS. */
    public static final int TCP_MSS_DEFAULT = 536;
    public static final int TCP_MIN_MSS = 88;
    /** TCP_INIT_CWND: RFC 6928's initial window. */
    public static final int TCP_INIT_CWND = 10;
    public static final int TCP_INFINITE_SSTHRESH = 0x7fffffff;
    /** TCP_MAX_QUICKACKS. */
    static final int TCP_MAX_QUICKACKS = 16;
    /** net.ipv4.tcp_syn_retries / tcp_synack_retries / tcp_retries2. */
    public static final int TCP_SYN_RETRIES = 6;
    public static final int TCP_SYNACK_RETRIES = 5;
    public static final int TCP_RETR2 = 15;
    /** TCP_KEEPALIVE_TIME (2 h), TCP_KEEPALIVE_INTVL (75 s), TCP_KEEPALIVE_PROBES, in seconds. */
    public static final int TCP_KEEPALIVE_TIME = 7200;
    public static final int TCP_KEEPALIVE_INTVL = 75;
    public static final int TCP_KEEPALIVE_PROBES = 9;
    /** TCP_TIMEWAIT_LEN and TCP_FIN_TIMEOUT: 60 s. */
    public static final int TCP_TIMEWAIT_LEN_SEC = 60;
    /** tcp_wmem / tcp_rmem: min, default, max. */
    public static final int TCP_WMEM_DEFAULT = 16384;
    public static final int TCP_WMEM_MAX = 4194304;
    public static final int TCP_RMEM_DEFAULT = 131072;
    /** The window without window scaling: the largest a 16-bit field advertises. */
    public static final int MAX_TCP_WINDOW = 65535;
    /** SOL_TCP options. */
    public static final int TCP_NODELAY = 1;
    public static final int TCP_MAXSEG = 2;
    public static final int TCP_KEEPIDLE = 4;
    public static final int TCP_KEEPINTVL = 5;
    public static final int TCP_KEEPCNT = 6;
    public static final int TCP_INFO = 11;
    public static final int TCP_QUICKACK = 12;
    /** sizeof(struct tcp_info) as Linux 6.1 fills it. */
    static final int TCP_INFO_SIZE = 232;
    /** Virtual cost of TCP's own work per segment sent or received. */
    static final long TCP_NS = 150;

    /** The state names of /proc and the tracepoint (tcp_state_name). */
    static final String[] STATES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
        "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    Tcp(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    long hz() {
        return kernel.params().hz();
    }

    long jiffies() {
        return kernel.timekeeping().jiffies();
    }

    /**
     * tcp_init (from inet_init): the slab caches of request and TIME_WAIT socks, the hash tables
     * as alloc_large_system_hash reports them, the control sock and reno as the congestion
     * control.
     */
    void tcp_init() {
        ipv4.tcp_ipv4().tcp_init_caches();
        kernel.printk().printk(Printk.KERN_INFO, "TCP established hash table entries: 8192 (order: 4, 65536 bytes, linear)");
        kernel.printk().printk(Printk.KERN_INFO, "TCP bind hash table entries: 8192 (order: 6, 262144 bytes, linear)");
        kernel.printk().printk(Printk.KERN_INFO, "TCP: Hash tables configured (established 8192 bind 8192)");
        ipv4.tcp_ipv4().tcp_v4_init();
    }

    /** tcp_init_sock: RFC 6298's initial RTO, IW10, infinite ssthresh, the default MSS and tcp_wmem/tcp_rmem buffers. */
    int tcp_init_sock(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        tp.icsk_rto = hz();
        tp.mdev_us = 1_000_000L;
        tp.snd_cwnd = TCP_INIT_CWND;
        tp.snd_ssthresh = TCP_INFINITE_SSTHRESH;
        tp.mss_cache = TCP_MSS_DEFAULT;
        tp.window_clamp = MAX_TCP_WINDOW;
        tp.keepalive_time = TCP_KEEPALIVE_TIME;
        tp.keepalive_intvl = TCP_KEEPALIVE_INTVL;
        tp.keepalive_probes = TCP_KEEPALIVE_PROBES;
        tp.icsk_syn_retries = TCP_SYN_RETRIES;
        tp.linger2 = TCP_TIMEWAIT_LEN_SEC;
        tp.icsk_ca_state = TcpSock.TCP_CA_Open;
        sk.sk_sndbuf = TCP_WMEM_DEFAULT;
        sk.sk_rcvbuf = TCP_RMEM_DEFAULT;
        sk.sk_write_space = ipv4.tcp_input()::sk_stream_write_space;
        return 0;
    }

    // ---------------------------------------------------------------- states

    /**
     * tcp_set_state: the inet_sock_set_state tracepoint, then the state; entering CLOSE takes the
     * sock out of the hash and gives its port back (unless bind(2) locked it).
     */
    public void tcp_set_state(Sock sk, int state) {
        TcpSock tp = tcp_sk(sk);
        int oldstate = sk.sk_state;
        inet_sk_state_trace(tp, oldstate, state);
        if (state == Sock.TCP_CLOSE) {
            if (oldstate == Sock.TCP_CLOSE_WAIT || oldstate == Sock.TCP_ESTABLISHED) {
                ipv4.mib().tcp_estabresets++;
            }
            sk.sk_prot.unhash(sk);
            if (tp.icsk_bind_hash != null && (sk.sk_userlocks & AfInet.SOCK_BINDPORT_LOCK) == 0) {
                ipv4.inet_hashinfo().inet_put_port(tp);
            }
        } else if (state == Sock.TCP_ESTABLISHED && oldstate != Sock.TCP_ESTABLISHED) {
            ipv4.mib().tcp_currestab++;
        }
        if (oldstate == Sock.TCP_ESTABLISHED && state != Sock.TCP_ESTABLISHED) {
            ipv4.mib().tcp_currestab--;
        }
        sk.sk_state = state;
    }

    /** inet_sk_state_store's tracepoint: inet_sock_set_state with the addresses as the event records them. */
    void inet_sk_state_trace(InetSock sk, int oldstate, int newstate) {
        kernel.trace().inet_sock_set_state(sk, oldstate, newstate, sk.inet_sport, sk.inet_dport, sk.sk_family,
                In.IPPROTO_TCP, sk.inet_rcv_saddr != 0 ? sk.inet_rcv_saddr : sk.inet_saddr, sk.inet_daddr);
    }

    /**
     * tcp_done: the connection is over: CLOSE, timers stopped, both directions shut; a sock with a
     * socket wakes its sleepers, an orphan is destroyed.
     */
    public void tcp_done(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        if (sk.sk_state == Sock.TCP_SYN_SENT || sk.sk_state == Sock.TCP_SYN_RECV) {
            ipv4.mib().tcp_attemptfails++;
        }
        tcp_set_state(sk, Sock.TCP_CLOSE);
        ipv4.tcp_timer().tcp_clear_xmit_timers(tp);
        sk.sk_shutdown = Sock.SHUTDOWN_MASK;
        if (!sk.sock_flag(Sock.SOCK_DEAD)) {
            sk.sk_state_change.call(sk);
        } else {
            ipv4.inet_csk().inet_csk_destroy_sock(tp);
        }
    }

    /** new_state of tcp_close_state: the state after our FIN, with TCP_ACTION_FIN when one must be sent. */
    private static final int TCP_ACTION_FIN = 1 << 8;
    private static final int[] NEW_STATE = {
        Sock.TCP_CLOSE,
        Sock.TCP_FIN_WAIT1 | TCP_ACTION_FIN, // ESTABLISHED
        Sock.TCP_CLOSE,                      // SYN_SENT
        Sock.TCP_FIN_WAIT1 | TCP_ACTION_FIN, // SYN_RECV
        Sock.TCP_FIN_WAIT1,                  // FIN_WAIT1
        Sock.TCP_FIN_WAIT2,                  // FIN_WAIT2
        Sock.TCP_CLOSE,                      // TIME_WAIT
        Sock.TCP_CLOSE,                      // CLOSE
        Sock.TCP_LAST_ACK | TCP_ACTION_FIN,  // CLOSE_WAIT
        Sock.TCP_LAST_ACK,                   // LAST_ACK
        Sock.TCP_CLOSE,                      // LISTEN
        Sock.TCP_CLOSING,                    // CLOSING
    };

    /** tcp_close_state: moves to the state our close leads to; true if a FIN must go out. */
    boolean tcp_close_state(Sock sk) {
        int next = NEW_STATE[sk.sk_state];
        tcp_set_state(sk, next & 0xff);
        return (next & TCP_ACTION_FIN) != 0;
    }

    /** tcp_shutdown: SHUT_WR in a synchronized state sends our FIN. */
    void tcp_shutdown(Sock sk, int how) {
        if ((how & Sock.SEND_SHUTDOWN) == 0) {
            return;
        }
        int st = 1 << sk.sk_state;
        if ((st & (1 << Sock.TCP_ESTABLISHED | 1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV
                | 1 << Sock.TCP_CLOSE_WAIT)) != 0) {
            if (tcp_close_state(sk)) {
                ipv4.tcp_output().tcp_send_fin(sk);
            }
        }
    }

    /**
     * tcp_close: a listener stops (its queued connections are reset); unread data makes the
     * close abortive (RST, as RFC 2525 says); SO_LINGER with 0 too; else our FIN goes after the
     * queued data. The sock is orphaned and lives on until the connection is done.
     */
    void tcp_close(Sock sk, long timeout) {
        TcpSock tp = tcp_sk(sk);
        net.sock().lock_sock(sk);
        sk.sk_shutdown = Sock.SHUTDOWN_MASK;
        if (sk.sk_state == Sock.TCP_LISTEN) {
            tcp_set_state(sk, Sock.TCP_CLOSE);
            ipv4.inet_csk().inet_csk_listen_stop(tp);
        } else {
            int dataWasUnread = 0;
            SkBuff skb;
            while ((skb = SkBuffHead.__skb_dequeue(tp.sk_receive_queue)) != null) {
                TcpSkbCb tcb = TCP_SKB_CB(skb);
                int len = tcb.end_seq - tcb.seq - ((tcb.tcp_flags & TcpHdr.TCPHDR_FIN) != 0 ? 1 : 0);
                dataWasUnread += len;
                net.skb().kfree_skb(skb);
            }
            if (sk.sk_state == Sock.TCP_CLOSE) {
                // nothing to say to anyone
            } else if (dataWasUnread != 0) {
                ipv4.mib().tcp_ext_abortonclose++;
                tcp_set_state(sk, Sock.TCP_CLOSE);
                ipv4.tcp_output().tcp_send_active_reset(sk);
            } else if (sk.sock_flag(Sock.SOCK_LINGER) && sk.sk_lingertime == 0) {
                sk.sk_prot.disconnect(sk, 0);
            } else if (tcp_close_state(sk)) {
                ipv4.tcp_output().tcp_send_fin(sk);
            }
        }
        net.sock().sock_orphan(sk);
        if (sk.sk_state == Sock.TCP_FIN_WAIT2 && tp.linger2 >= 0) {
            ipv4.tcp_timer().inet_csk_reset_keepalive_timer(tp, tp.linger2 * hz());
        }
        boolean destroy = sk.sk_state == Sock.TCP_CLOSE;
        net.sock().release_sock(sk);
        if (destroy && sk.sk_state == Sock.TCP_CLOSE) {
            ipv4.inet_csk().inet_csk_destroy_sock(tp);
        }
    }

    /**
     * tcp_disconnect: back to CLOSE from anywhere (connect(AF_UNSPEC), shutdown of a connecting
     * sock, SO_LINGER 0): a synchronized connection is reset, the queues are purged, the peer
     * forgotten; the sock may connect again.
     */
    int tcp_disconnect(Sock sk, int flags) {
        TcpSock tp = tcp_sk(sk);
        int old = sk.sk_state;
        if (old != Sock.TCP_CLOSE) {
            tcp_set_state(sk, Sock.TCP_CLOSE);
        }
        if (old == Sock.TCP_LISTEN) {
            ipv4.inet_csk().inet_csk_listen_stop(tp);
        } else if (tcp_need_reset(old) || (tp.snd_nxt != tp.write_seq
                && (1 << old & (1 << Sock.TCP_CLOSING | 1 << Sock.TCP_LAST_ACK)) != 0)) {
            ipv4.tcp_output().tcp_send_active_reset(sk);
            sk.sk_err = Errno.ECONNRESET;
        } else if (old == Sock.TCP_SYN_SENT) {
            sk.sk_err = Errno.ECONNRESET;
        }
        ipv4.tcp_timer().tcp_clear_xmit_timers(tp);
        net.skb().skb_queue_purge(tp.sk_receive_queue);
        net.skb().skb_queue_purge(tp.out_of_order_queue);
        tcp_write_queue_purge(tp);
        if ((sk.sk_userlocks & AfInet.SOCK_BINDADDR_LOCK) == 0) {
            tp.inet_saddr = tp.inet_rcv_saddr = 0;
        }
        sk.sk_shutdown = 0;
        sk.sock_reset_flag(Sock.SOCK_DONE);
        tp.inet_daddr = 0;
        tp.inet_dport = 0;
        tp.snd_cwnd = TCP_INIT_CWND;
        tp.snd_ssthresh = TCP_INFINITE_SSTHRESH;
        tp.snd_cwnd_cnt = 0;
        tp.srtt_us = 0;
        tp.mdev_us = 1_000_000L;
        tp.icsk_rto = hz();
        tp.icsk_backoff = 0;
        tp.icsk_retransmits = 0;
        tp.icsk_probes_out = 0;
        tp.icsk_ca_state = TcpSock.TCP_CA_Open;
        tp.packets_out = tp.retrans_out = tp.lost_out = tp.sacked_out = 0;
        tp.sk_dst_cache = null;
        if (tp.sk_socket != null) {
            tp.sk_socket.state = Socket.SS_UNCONNECTED;
        }
        sk.sk_error_report.call(sk);
        return 0;
    }

    /** tcp_need_reset: the states in which an abort must tell the peer. */
    static boolean tcp_need_reset(int state) {
        return (1 << state & (1 << Sock.TCP_ESTABLISHED | 1 << Sock.TCP_CLOSE_WAIT | 1 << Sock.TCP_FIN_WAIT1
                | 1 << Sock.TCP_FIN_WAIT2 | 1 << Sock.TCP_SYN_RECV)) != 0;
    }

    /** tcp_write_queue_purge: unsent and unacked data are dropped (a reset, a disconnect). */
    void tcp_write_queue_purge(TcpSock tp) {
        SkBuff skb;
        while ((skb = SkBuffHead.__skb_dequeue(tp.sk_write_queue)) != null) {
            tcp_wmem_free_skb(tp, skb);
        }
        while ((skb = SkBuffHead.__skb_dequeue(tp.tcp_rtx_queue)) != null) {
            tcp_wmem_free_skb(tp, skb);
        }
        tp.packets_out = tp.retrans_out = tp.lost_out = tp.sacked_out = 0;
    }

    /** tcp_wmem_free_skb: a queued skb goes and its truesize leaves sk_wmem_queued. */
    void tcp_wmem_free_skb(TcpSock tp, SkBuff skb) {
        tp.sk_wmem_queued -= skb.truesize;
        net.skb().kfree_skb(skb);
    }

    // ---------------------------------------------------------------- sending

    /** send_sig(SIGPIPE, current, 0): sk_stream_error's signal. */
    private void send_sigpipe() {
        TaskStruct t = kernel.sched().current();
        kernel.signal().send_signal(Signals.SIGPIPE,
                new Siginfo(Signals.SIGPIPE, 0, Siginfo.SI_USER, t.tgid, t.cred.uid(), 0, 0), t, false);
    }

    /** sk_stream_error: EPIPE raises SIGPIPE unless MSG_NOSIGNAL. */
    int sk_stream_error(Sock sk, int flags, int err) {
        if (err == -Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0) {
            send_sigpipe();
        }
        return err;
    }

    /** sk_stream_memory_free: the queues hold less than SO_SNDBUF. */
    static boolean sk_stream_memory_free(TcpSock tp) {
        return tp.sk_wmem_queued < tp.sk_sndbuf;
    }

    /** The sleep of the stream waits: the lock is let go (the backlog processed) and taken back. */
    long sk_stream_wait(Sock sk, long timeo, java.util.function.BooleanSupplier cond) {
        net.sock().release_sock(sk);
        long left = net.sock().sk_wait_event(sk.sk_sleep(), timeo, cond);
        net.sock().lock_sock(sk);
        return left;
    }

    /**
     * sk_stream_wait_connect: a send before the handshake is done waits for it (EPIPE once it
     * failed or the sock is closed, EAGAIN non-blocking, a signal's errno).
     */
    int sk_stream_wait_connect(Sock sk, long[] timeo) {
        while (true) {
            if (sk.sk_err != 0) {
                return SockCore.sock_error(sk);
            }
            if ((1 << sk.sk_state & ~(1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0) {
                return -Errno.EPIPE;
            }
            if (timeo[0] == 0) {
                return -Errno.EAGAIN;
            }
            if (kernel.signal().signal_pending(kernel.sched().current())) {
                return SockCore.sock_intr_errno(timeo[0]);
            }
            timeo[0] = sk_stream_wait(sk, timeo[0], () -> sk.sk_err != 0
                    || (1 << sk.sk_state & ~(1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0);
            if ((1 << sk.sk_state & (1 << Sock.TCP_ESTABLISHED | 1 << Sock.TCP_CLOSE_WAIT)) != 0) {
                return 0;
            }
        }
    }

    /** sk_stream_wait_memory: waits for send-buffer room; 0, or EPIPE, EAGAIN, a signal's errno. */
    int sk_stream_wait_memory(Sock sk, long[] timeo) {
        TcpSock tp = tcp_sk(sk);
        while (true) {
            if (sk.sk_err != 0 || (sk.sk_shutdown & Sock.SEND_SHUTDOWN) != 0) {
                return -Errno.EPIPE;
            }
            if (sk_stream_memory_free(tp)) {
                return 0;
            }
            if (timeo[0] == 0) {
                return -Errno.EAGAIN;
            }
            if (kernel.signal().signal_pending(kernel.sched().current())) {
                return SockCore.sock_intr_errno(timeo[0]);
            }
            if (sk.sk_socket != null) {
                sk.sk_socket.set_bit(Socket.SOCK_NOSPACE, true);
            }
            timeo[0] = sk_stream_wait(sk, timeo[0], () -> sk.sk_err != 0
                    || (sk.sk_shutdown & Sock.SEND_SHUTDOWN) != 0 || sk_stream_memory_free(tp));
        }
    }

    /** tcp_sendmsg: tcp_sendmsg_locked under the socket lock. */
    public long tcp_sendmsg(Sock sk, Msghdr msg, long size) {
        net.sock().lock_sock(sk);
        long ret = tcp_sendmsg_locked(sk, msg, size);
        net.sock().release_sock(sk);
        return ret;
    }

    /**
     * tcp_sendmsg_locked: waits for the connection, then fills the last skb of the write queue up
     * to the MSS and allocates new ones (sk_stream_alloc_skb) while SO_SNDBUF allows, pushing
     * full segments as it goes; returns the bytes queued, or the error if none were.
     */
    long tcp_sendmsg_locked(Sock sk, Msghdr msg, long size) {
        TcpSock tp = tcp_sk(sk);
        int flags = msg.msg_flags;
        long[] timeo = {SockCore.sock_sndtimeo(sk, (flags & MSG_DONTWAIT) != 0)};
        kernel.sched().charge(TCP_NS);
        int err;
        if ((1 << sk.sk_state & ~(1 << Sock.TCP_ESTABLISHED | 1 << Sock.TCP_CLOSE_WAIT)) != 0) {
            err = sk_stream_wait_connect(sk, timeo);
            if (err != 0) {
                return sk_stream_error(sk, flags, err);
            }
        }
        long copied = 0;
        err = -Errno.EPIPE;
        if (sk.sk_err != 0 || (sk.sk_shutdown & Sock.SEND_SHUTDOWN) != 0) {
            return copied != 0 ? copied : sk_stream_error(sk, flags, sk.sk_err != 0 ? SockCore.sock_error(sk) : err);
        }
        int mss_now = ipv4.tcp_output().tcp_send_mss(tp);
        while (msg.msg_data_left() > 0) {
            SkBuff skb = SkBuffHead.skb_peek_tail(tp.sk_write_queue);
            int copy = 0;
            if (skb != null) {
                copy = mss_now - skb.len;
            }
            if (copy <= 0 || (TCP_SKB_CB(skb).tcp_flags & TcpHdr.TCPHDR_FIN) != 0) {
                if (!sk_stream_memory_free(tp)) {
                    ipv4.tcp_output().tcp_push(tp, flags & ~MSG_MORE, mss_now, TcpSock.TCP_NAGLE_PUSH);
                    err = sk_stream_wait_memory(sk, timeo);
                    if (err != 0) {
                        return copied != 0 ? copied : sk_stream_error(sk, flags, err);
                    }
                    mss_now = ipv4.tcp_output().tcp_send_mss(tp);
                    continue;
                }
                skb = sk_stream_alloc_skb(tp, mss_now);
                if (skb == null) {
                    return copied != 0 ? copied : -Errno.ENOBUFS;
                }
                TcpSkbCb tcb = TCP_SKB_CB(skb);
                tcb.seq = tcb.end_seq = tp.write_seq;
                tcb.tcp_flags = TcpHdr.TCPHDR_ACK;
                SkBuffHead.__skb_queue_tail(tp.sk_write_queue, skb);
                copy = mss_now;
            }
            copy = (int) Math.min(copy, msg.msg_data_left());
            byte[] b = new byte[copy];
            int got = msg.msg_iter.copy_from_iter(b, 0, copy);
            if (got != copy) {
                return copied != 0 ? copied : -Errno.EFAULT;
            }
            net.skb().skb_put_data(skb, b, 0, copy);
            tp.write_seq += copy;
            TCP_SKB_CB(skb).end_seq += copy;
            copied += copy;
            if (msg.msg_data_left() == 0) {
                break;
            }
            if (skb.len < mss_now) {
                continue;
            }
            if (after(tp.write_seq, tp.pushed_seq + (tp.max_window >> 1))) {
                tp.pushed_seq = tp.write_seq;
                ipv4.tcp_output().__tcp_push_pending_frames(tp, mss_now, TcpSock.TCP_NAGLE_PUSH);
            } else if (skb == SkBuffHead.skb_peek(tp.sk_write_queue)) {
                ipv4.tcp_output().tcp_push_one(tp, mss_now);
            }
        }
        if (copied != 0) {
            ipv4.tcp_output().tcp_push(tp, flags, mss_now, tp.nonagle);
        }
        return copied;
    }

    /** sk_stream_alloc_skb (tcp_stream_alloc_skb): an skb for one MSS of data with MAX_TCP_HEADER of headroom, charged to sk_wmem_queued. */
    SkBuff sk_stream_alloc_skb(TcpSock tp, int size) {
        SkBuff skb = net.skb().alloc_skb(MAX_TCP_HEADER + size, Gfp.GFP_KERNEL);
        if (skb == null) {
            return null;
        }
        SkBuff.skb_reserve(skb, MAX_TCP_HEADER);
        tp.sk_wmem_queued += skb.truesize;
        return skb;
    }

    // ---------------------------------------------------------------- receiving

    /** tcp_recvmsg: tcp_recvmsg_locked under the socket lock. */
    public long tcp_recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
        net.sock().lock_sock(sk);
        long ret = tcp_recvmsg_locked(sk, msg, len, flags);
        net.sock().release_sock(sk);
        return ret;
    }

    /**
     * tcp_recvmsg_locked: in-order bytes from the receive queue (from copied_seq, or a private
     * cursor with MSG_PEEK), at least SO_RCVLOWAT (all of them with MSG_WAITALL) unless the peer
     * finished, an error or a signal came or the timeout ran out. ENOTCONN on a LISTEN or
     * never-connected sock; 0 at EOF.
     */
    long tcp_recvmsg_locked(Sock sk, Msghdr msg, long len, int flags) {
        TcpSock tp = tcp_sk(sk);
        if (sk.sk_state == Sock.TCP_LISTEN) {
            return -Errno.ENOTCONN;
        }
        kernel.sched().charge(TCP_NS);
        long timeo = SockCore.sock_rcvtimeo(sk, (flags & MSG_DONTWAIT) != 0);
        boolean peek = (flags & MSG_PEEK) != 0;
        int[] seq = {tp.copied_seq};
        long copied = 0;
        long target = SockCore.sock_rcvlowat(sk, (flags & MSG_WAITALL) != 0, len);
        long err = 0;
        do {
            boolean found = false;
            boolean fin = false;
            SkBuff skb = SkBuffHead.skb_peek(tp.sk_receive_queue);
            while (skb != null) {
                TcpSkbCb tcb = TCP_SKB_CB(skb);
                int offset = seq[0] - tcb.seq;
                if (offset < skb.len) {
                    found = true;
                    int used = (int) Math.min(skb.len - offset, len - copied);
                    byte[] b = new byte[used];
                    skb.load(skb.data + offset, b, 0, used);
                    kernel.sched().charge(SkBuffs.copyCost(used));
                    if (msg.msg_iter.copy_to_iter(b, 0, used) != used) {
                        if (copied == 0) {
                            copied = -Errno.EFAULT;
                        }
                        return finish_recv(tp, copied, peek);
                    }
                    seq[0] += used;
                    copied += used;
                    if (used + offset < skb.len) {
                        break;
                    }
                }
                if ((tcb.tcp_flags & TcpHdr.TCPHDR_FIN) != 0) {
                    fin = true;
                    seq[0]++;
                    if (!peek) {
                        tp.copied_seq = seq[0];
                        tcp_eat_skb(tp, skb);
                    }
                    break;
                }
                SkBuff next = SkBuffHead.skb_peek_next(skb, tp.sk_receive_queue);
                if (!peek) {
                    tp.copied_seq = seq[0];
                    tcp_eat_skb(tp, skb);
                }
                skb = next;
                if (copied >= len) {
                    break;
                }
            }
            if (!peek) {
                tp.copied_seq = seq[0];
            }
            if (fin || copied >= target && SkBuffHead.skb_queue_empty(tp.sk_receive_queue) || copied >= len) {
                break;
            }
            if (found && copied >= target) {
                break;
            }
            if (copied != 0) {
                if (sk.sk_err != 0 || sk.sk_state == Sock.TCP_CLOSE || (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0
                        || timeo == 0 || kernel.signal().signal_pending(kernel.sched().current())) {
                    break;
                }
            } else {
                if (sk.sock_flag(Sock.SOCK_DONE)) {
                    break;
                }
                if (sk.sk_err != 0) {
                    err = SockCore.sock_error(sk);
                    break;
                }
                if ((sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                    break;
                }
                if (sk.sk_state == Sock.TCP_CLOSE) {
                    err = -Errno.ENOTCONN;
                    break;
                }
                if (timeo == 0) {
                    err = -Errno.EAGAIN;
                    break;
                }
                if (kernel.signal().signal_pending(kernel.sched().current())) {
                    err = SockCore.sock_intr_errno(timeo);
                    break;
                }
            }
            tcp_cleanup_rbuf(tp, (int) copied);
            int want = seq[0];
            timeo = sk_wait_data(tp, timeo, want);
        } while (true);
        return finish_recv(tp, copied != 0 ? copied : err, peek);
    }

    private long finish_recv(TcpSock tp, long ret, boolean peek) {
        if (ret > 0 && !peek) {
            tcp_cleanup_rbuf(tp, (int) ret);
        }
        return ret;
    }

    /** sk_wait_data: sleeps until data past {@code seq} is queued, the sock errs or shuts, or the timeout runs out. */
    long sk_wait_data(TcpSock tp, long timeo, int seq) {
        return sk_stream_wait(tp, timeo, () -> tp.rcv_nxt != seq || tp.sk_err != 0
                || (tp.sk_shutdown & Sock.RCV_SHUTDOWN) != 0 || tp.sk_state == Sock.TCP_CLOSE);
    }

    /** tcp_eat_skb: a fully read skb leaves the receive queue. */
    void tcp_eat_skb(TcpSock tp, SkBuff skb) {
        SkBuffHead.__skb_unlink(skb, tp.sk_receive_queue);
        net.skb().consume_skb(skb);
    }

    /**
     * tcp_cleanup_rbuf: after a read, ACK now if an ACK is pending and the reader emptied a queue
     * the sender may be waiting on, or if the window we could offer has grown to twice what we
     * offered (the receive-window update).
     */
    void tcp_cleanup_rbuf(TcpSock tp, int copied) {
        boolean timeToAck = false;
        if ((tp.icsk_ack_pending & TcpSock.ICSK_ACK_SCHED) != 0) {
            if ((tp.icsk_ack_pending & TcpSock.ICSK_ACK_PUSHED) != 0
                    || copied > 0 && SkBuffHead.skb_queue_empty(tp.sk_receive_queue)) {
                timeToAck = true;
            }
        }
        if (copied > 0 && !timeToAck && (tp.sk_shutdown & Sock.RCV_SHUTDOWN) == 0) {
            int rcvWindowNow = tp.tcp_receive_window();
            if (2 * rcvWindowNow <= tp.window_clamp) {
                int newWindow = ipv4.tcp_output().__tcp_select_window(tp);
                if (newWindow != 0 && newWindow >= 2 * rcvWindowNow) {
                    timeToAck = true;
                }
            }
        }
        if (timeToAck && tp.sk_state != Sock.TCP_CLOSE && tp.sk_state != Sock.TCP_LISTEN) {
            ipv4.tcp_output().tcp_send_ack(tp);
        }
    }

    // ---------------------------------------------------------------- poll, ioctl, options

    /**
     * tcp_poll: POLLHUP when shut both ways or CLOSE (so an unconnected socket is POLLOUT|POLLHUP,
     * as on Linux), POLLIN|POLLRDHUP after the peer's FIN, POLLIN with data, POLLOUT while the
     * send buffer has room (not before the handshake completes), POLLERR with a pending error; a
     * listener is readable when a connection waits for accept.
     */
    public int tcp_poll(File file, Socket sock, PollTable wait) {
        Sock sk = sock.sk;
        TcpSock tp = tcp_sk(sk);
        PollTable.poll_wait(wait, sock.wq);
        int state = sk.sk_state;
        if (state == Sock.TCP_LISTEN) {
            return tp.rskq_accept.isEmpty() ? 0 : PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        int mask = 0;
        if (sk.sk_shutdown == Sock.SHUTDOWN_MASK || state == Sock.TCP_CLOSE) {
            mask |= PollTable.POLLHUP;
        }
        if ((sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
            mask |= PollTable.POLLIN | PollTable.POLLRDNORM | PollTable.POLLRDHUP;
        }
        if (state != Sock.TCP_SYN_SENT && state != Sock.TCP_SYN_RECV) {
            if (tp.rcv_nxt != tp.copied_seq && !SkBuffHead.skb_queue_empty(tp.sk_receive_queue)) {
                mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
            }
            if ((sk.sk_shutdown & Sock.SEND_SHUTDOWN) == 0) {
                if (sk_stream_is_writeable(tp)) {
                    mask |= PollTable.POLLOUT | PollTable.POLLWRNORM;
                } else if (sk.sk_socket != null) {
                    sk.sk_socket.set_bit(Socket.SOCK_NOSPACE, true);
                }
            } else {
                mask |= PollTable.POLLOUT | PollTable.POLLWRNORM;
            }
        }
        if (sk.sk_err != 0) {
            mask |= PollTable.POLLERR;
        }
        return mask;
    }

    /** sk_stream_is_writeable: the free part of SO_SNDBUF is at least half of what is queued. */
    static boolean sk_stream_is_writeable(TcpSock tp) {
        return tp.sk_sndbuf - tp.sk_wmem_queued >= tp.sk_wmem_queued >> 1 && sk_stream_memory_free(tp);
    }

    /** tcp_ioctl: SIOCINQ (unread bytes; EINVAL on a listener), SIOCOUTQ (unacked bytes). */
    int tcp_ioctl(Sock sk, int cmd, long arg) {
        TcpSock tp = tcp_sk(sk);
        long answ;
        switch (cmd) {
            case SIOCINQ -> {
                if (sk.sk_state == Sock.TCP_LISTEN) {
                    return -Errno.EINVAL;
                }
                answ = tp.rcv_nxt - tp.copied_seq;
                if (answ > 0 && sk.sock_flag(Sock.SOCK_DONE)) {
                    answ--;
                }
            }
            case SIOCOUTQ -> {
                if (sk.sk_state == Sock.TCP_LISTEN) {
                    return -Errno.EINVAL;
                }
                answ = (1 << sk.sk_state & (1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0 ? 0
                        : tp.write_seq - tp.snd_una;
            }
            default -> {
                return -Errno.ENOIOCTLCMD;
            }
        }
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) Math.max(answ, 0)).array();
        return kernel.uaccess().copy_to_user(arg, v, 0, 4) != 0 ? -Errno.EFAULT : 0;
    }

    /**
     * tcp_setsockopt: SOL_TCP's TCP_NODELAY (pushes what Nagle held), TCP_MAXSEG (88..32767,
     * before connect), TCP_KEEPIDLE/KEEPINTVL (1..32767 s), TCP_KEEPCNT (1..127), TCP_QUICKACK.
     */
    int tcp_setsockopt(Sock sk, int level, int optname, long optval, int optlen) {
        if (level != SOL_TCP) {
            return -Errno.ENOPROTOOPT;
        }
        if (optlen < 4) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[4];
        if (kernel.uaccess().copy_from_user(b, 0, optval, 4) != 0) {
            return -Errno.EFAULT;
        }
        int val = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        TcpSock tp = tcp_sk(sk);
        net.sock().lock_sock(sk);
        int err = 0;
        switch (optname) {
            case TCP_NODELAY -> {
                if (val != 0) {
                    tp.nonagle |= TcpSock.TCP_NAGLE_OFF | TcpSock.TCP_NAGLE_PUSH;
                    ipv4.tcp_output().tcp_push_pending_frames(tp);
                } else {
                    tp.nonagle &= ~TcpSock.TCP_NAGLE_OFF;
                }
            }
            case TCP_MAXSEG -> {
                if (val != 0 && (val < TCP_MIN_MSS || val > 32767)) {
                    err = -Errno.EINVAL;
                } else {
                    tp.user_mss = val;
                }
            }
            case TCP_KEEPIDLE, TCP_KEEPINTVL -> {
                if (val < 1 || val > 32767) {
                    err = -Errno.EINVAL;
                } else if (optname == TCP_KEEPIDLE) {
                    tp.keepalive_time = val;
                    if (sk.sock_flag(Sock.SOCK_KEEPOPEN) && (1 << sk.sk_state & (1 << Sock.TCP_CLOSE
                            | 1 << Sock.TCP_LISTEN)) == 0) {
                        ipv4.tcp_timer().inet_csk_reset_keepalive_timer(tp, val * hz());
                    }
                } else {
                    tp.keepalive_intvl = val;
                }
            }
            case TCP_KEEPCNT -> {
                if (val < 1 || val > 127) {
                    err = -Errno.EINVAL;
                } else {
                    tp.keepalive_probes = val;
                }
            }
            case TCP_QUICKACK -> {
                if (val != 0) {
                    tp.icsk_ack_pingpong = false;
                    if ((tp.icsk_ack_pending & TcpSock.ICSK_ACK_SCHED) != 0) {
                        ipv4.tcp_output().tcp_send_ack(tp);
                    }
                } else {
                    tp.icsk_ack_pingpong = true;
                }
            }
            default -> err = -Errno.ENOPROTOOPT;
        }
        net.sock().release_sock(sk);
        return err;
    }

    /** tcp_getsockopt: the options above, and TCP_INFO (tcp_get_info). */
    int tcp_getsockopt(Sock sk, int level, int optname, long optval, long optlen) {
        if (level != SOL_TCP) {
            return -Errno.ENOPROTOOPT;
        }
        TcpSock tp = tcp_sk(sk);
        int val;
        switch (optname) {
            case TCP_NODELAY -> val = (tp.nonagle & TcpSock.TCP_NAGLE_OFF) != 0 ? 1 : 0;
            case TCP_MAXSEG -> val = tp.sk_state == Sock.TCP_CLOSE || tp.sk_state == Sock.TCP_LISTEN
                    ? (tp.user_mss != 0 ? tp.user_mss : TCP_MSS_DEFAULT) : tp.mss_cache;
            case TCP_KEEPIDLE -> val = tp.keepalive_time;
            case TCP_KEEPINTVL -> val = tp.keepalive_intvl;
            case TCP_KEEPCNT -> val = tp.keepalive_probes;
            case TCP_QUICKACK -> val = tp.icsk_ack_pingpong ? 0 : 1;
            case TCP_INFO -> {
                return put_tcp_info(tp, optval, optlen);
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return ipv4.sockglue().put_int_opt(val, optval, optlen);
    }

    /** The length the caller offers at {@code optlen}, the bytes of struct tcp_info cut to it, and the length written back. */
    private int put_tcp_info(TcpSock tp, long optval, long optlen) {
        byte[] l = new byte[4];
        if (kernel.uaccess().copy_from_user(l, 0, optlen, 4) != 0) {
            return -Errno.EFAULT;
        }
        int len = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (len < 0) {
            return -Errno.EINVAL;
        }
        byte[] info = tcp_get_info(tp);
        len = Math.min(len, info.length);
        byte[] lb = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(len).array();
        if (kernel.uaccess().copy_to_user(optlen, lb, 0, 4) != 0 || kernel.uaccess().copy_to_user(optval, info, 0, len) != 0) {
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** tcp_get_info: struct tcp_info's leading fields (state, ca_state, retransmits, probes, backoff; rto, ato, MSSes, RTT, cwnd...). */
    byte[] tcp_get_info(TcpSock tp) {
        ByteBuffer b = ByteBuffer.allocate(TCP_INFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) tp.sk_state);
        b.put(1, (byte) tp.icsk_ca_state);
        b.put(2, (byte) tp.icsk_retransmits);
        b.put(3, (byte) tp.icsk_probes_out);
        b.put(4, (byte) tp.icsk_backoff);
        long usPerJiffy = 1_000_000L / hz();
        b.putInt(8, (int) (tp.icsk_rto * usPerJiffy));
        b.putInt(12, (int) (tp.icsk_ack_ato * usPerJiffy));
        b.putInt(16, tp.mss_cache);
        b.putInt(20, tp.icsk_ack_rcv_mss);
        b.putInt(24, tp.sk_state == Sock.TCP_LISTEN ? tp.qlen : tp.packets_out - tp.sacked_out - tp.lost_out);
        b.putInt(28, tp.sk_state == Sock.TCP_LISTEN ? tp.sk_max_ack_backlog : tp.sacked_out);
        b.putInt(32, tp.lost_out);
        b.putInt(36, tp.retrans_out);
        long now = jiffies();
        b.putInt(48, (int) ((now - tp.lsndtime) * 1000 / hz()));
        b.putInt(56, (int) ((now - tp.icsk_ack_lrcvtime) * 1000 / hz()));
        b.putInt(64, 1500);
        b.putInt(68, tp.snd_ssthresh);
        b.putInt(72, (int) (tp.srtt_us >> 3));
        b.putInt(76, (int) (tp.mdev_us >> 2));
        b.putInt(80, tp.snd_ssthresh);
        b.putInt(84, tp.snd_cwnd);
        b.putInt(88, tp.advmss);
        b.putInt(100, tp.total_retrans);
        return b.array();
    }
}
