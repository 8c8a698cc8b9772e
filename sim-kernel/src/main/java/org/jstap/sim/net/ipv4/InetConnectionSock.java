package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.TcpSock.tcp_sk;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/inet_connection_sock.c: what connection-oriented socks share. Ports:
 * {@link #inet_csk_get_port} (bind(2) and listen(2): EADDRINUSE when another sock on the port
 * overlaps the address, unless both set SO_REUSEADDR and neither listens — a TIME_WAIT sock keeps
 * the flag of the sock it was; port 0 takes a free odd port of the local range, the parity
 * connect does not use). Listening: {@link #inet_csk_listen_start}, the SYN queue of request
 * socks with their SYN-ACK timer ({@link #reqsk_timer_handler}: tcp_synack_retries 5, doubling
 * from 1 s), the accept queue (backlog + 1 connections, as sk_acceptq_is_full counts),
 * {@link #inet_csk_accept} and {@link #inet_csk_listen_stop}. Children are made by
 * {@link #inet_csk_clone_lock}; {@link #inet_csk_destroy_sock} ends a sock.
 *
 * <pre>{@code
 * listen(fd, 5) -> inet_listen -> inet_csk_listen_start -> inet_csk_get_port, inet_hash
 * accept(fd)    -> inet_accept -> inet_csk_accept -> inet_csk_wait_for_connect
 * }</pre>
 */
@LinuxFile("net/ipv4/inet_connection_sock.c")
public final class InetConnectionSock {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    InetConnectionSock(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    private InetHashtables hashinfo() {
        return ipv4.inet_hashinfo();
    }

    // ---------------------------------------------------------------- ports

    /** inet_rcv_saddr_equal (with wildcards): the same address, or either is INADDR_ANY. */
    static boolean inet_rcv_saddr_equal(InetSock a, InetSock b) {
        return a.inet_rcv_saddr == b.inet_rcv_saddr || a.inet_rcv_saddr == 0 || b.inet_rcv_saddr == 0;
    }

    /**
     * inet_csk_bind_conflict: another owner of the port whose address overlaps, unless both set
     * SO_REUSEADDR and the other is not listening (so a restarted server listens over its old
     * connections' TIME_WAIT socks, but not beside another listener).
     */
    boolean inet_csk_bind_conflict(InetSock sk, InetBindBucket tb) {
        boolean reuse = sk.sk_reuse != 0;
        for (InetSock sk2 : tb.owners) {
            if (sk2 == sk) {
                continue;
            }
            if (sk.sk_bound_dev_if != 0 && sk2.sk_bound_dev_if != 0 && sk.sk_bound_dev_if != sk2.sk_bound_dev_if) {
                continue;
            }
            if (reuse && sk2.sk_reuse != 0 && sk2.sk_state != Sock.TCP_LISTEN) {
                continue;
            }
            if (inet_rcv_saddr_equal(sk, sk2)) {
                return true;
            }
        }
        return false;
    }

    /** inet_csk_find_open_port: a free port of the local range from a random odd offset; 0 if none. */
    int inet_csk_find_open_port(TcpSock sk) {
        int low = ipv4.ip_local_port_range_low;
        int high = ipv4.ip_local_port_range_high;
        int remaining = (high - low + 1) & ~1;
        byte[] r = new byte[4];
        kernel.random().get_random_bytes(r);
        long rand = (r[0] & 0xffL) | (r[1] & 0xffL) << 8 | (r[2] & 0xffL) << 16 | (r[3] & 0xffL) << 24;
        int offset = (int) (rand % remaining) | 1;
        for (int parity = 0; parity < 2; parity++) {
            for (int i = 0; i < remaining; i += 2) {
                int port = low + (offset - parity + i) % remaining;
                InetBindBucket tb = hashinfo().inet_bind_bucket(port);
                if (tb == null || !inet_csk_bind_conflict(sk, tb) && tb.fastreuse >= 0) {
                    return port;
                }
            }
        }
        return 0;
    }

    /** inet_csk_get_port: binds {@code sk} to {@code snum} (0: a free one); 0 or -EADDRINUSE. */
    public int inet_csk_get_port(Sock s, int snum) {
        TcpSock sk = tcp_sk(s);
        if (snum == 0) {
            snum = inet_csk_find_open_port(sk);
            if (snum == 0) {
                return -Errno.EADDRINUSE;
            }
        } else {
            InetBindBucket tb = hashinfo().inet_bind_bucket(snum);
            if (tb != null && inet_csk_bind_conflict(sk, tb)) {
                return -Errno.EADDRINUSE;
            }
        }
        InetBindBucket tb = hashinfo().inet_bind_bucket_create(snum);
        if (tb.owners.isEmpty()) {
            tb.fastreuse = sk.sk_reuse != 0 && sk.sk_state != Sock.TCP_LISTEN ? 1 : 0;
        } else if (sk.sk_reuse == 0 || sk.sk_state == Sock.TCP_LISTEN) {
            tb.fastreuse = 0;
        }
        if (sk.icsk_bind_hash == null) {
            hashinfo().inet_bind_hash(sk, tb, snum);
        }
        return 0;
    }

    // ---------------------------------------------------------------- listening

    /** sk_acceptq_is_full: more than the backlog already waits for accept. */
    boolean sk_acceptq_is_full(TcpSock sk) {
        return sk.sk_ack_backlog > sk.sk_max_ack_backlog;
    }

    /** inet_csk_reqsk_queue_is_full: as many handshakes in progress as the backlog. */
    boolean inet_csk_reqsk_queue_is_full(TcpSock sk) {
        return sk.qlen >= sk.sk_max_ack_backlog;
    }

    /**
     * inet_csk_listen_start: LISTEN, the port (re)taken — EADDRINUSE if another sock now
     * conflicts, and the state goes back to CLOSE — and into the listening hash.
     */
    int inet_csk_listen_start(TcpSock sk) {
        sk.qlen = 0;
        sk.sk_ack_backlog = 0;
        ipv4.tcp().inet_sk_state_trace(sk, sk.sk_state, Sock.TCP_LISTEN);
        sk.sk_state = Sock.TCP_LISTEN;
        if (sk.sk_prot.get_port(sk, sk.inet_num) == 0) {
            sk.inet_sport = sk.inet_num;
            sk.sk_dst_cache = null;
            if (sk.sk_prot.hash(sk) == 0) {
                return 0;
            }
        }
        ipv4.tcp().inet_sk_state_trace(sk, sk.sk_state, Sock.TCP_CLOSE);
        sk.sk_state = Sock.TCP_CLOSE;
        return -Errno.EADDRINUSE;
    }

    /** inet_reqsk_alloc: a request sock from the "request_sock_TCP" cache. */
    RequestSock inet_reqsk_alloc(TcpSock listener) {
        return ipv4.tcp_ipv4().reqsk_alloc(listener);
    }

    /** reqsk_free. */
    void reqsk_free(RequestSock req) {
        kernel.timers().del_timer(req.rsk_timer);
        ipv4.tcp_ipv4().reqsk_free(req);
    }

    /** inet_csk_reqsk_queue_hash_add: into the established hash and the SYN queue, its SYN-ACK timer at TCP_TIMEOUT_INIT. */
    void inet_csk_reqsk_queue_hash_add(TcpSock listener, RequestSock req) {
        hashinfo().inet_ehash_insert(req, null);
        listener.qlen++;
        kernel.timers().mod_timer(req.rsk_timer, kernel.timekeeping().jiffies() + ipv4.tcp_output().timeoutInit);
    }

    /**
     * reqsk_timer_handler: no ACK yet: the SYN-ACK again, with the timeout doubled, up to
     * tcp_synack_retries times; then the request is dropped.
     */
    void reqsk_timer_handler(RequestSock req) {
        TcpSock listener = req.rsk_listener;
        if (listener.sk_state != Sock.TCP_LISTEN || req.sk != null) {
            inet_csk_reqsk_queue_drop(listener, req);
            return;
        }
        if (req.num_timeout >= Tcp.TCP_SYNACK_RETRIES) {
            inet_csk_reqsk_queue_drop(listener, req);
            return;
        }
        Rtable rt = inet_csk_route_req(listener, req);
        if (rt != null) {
            ipv4.tcp_ipv4().tcp_v4_send_synack(listener, req, rt);
        }
        req.num_timeout++;
        long timeo = Math.min(ipv4.tcp_output().timeoutInit << req.num_timeout, ipv4.tcp_output().rtoMax);
        kernel.timers().mod_timer(req.rsk_timer, kernel.timekeeping().jiffies() + timeo);
    }

    /** inet_csk_reqsk_queue_drop: the request leaves the established hash and the SYN queue. */
    void inet_csk_reqsk_queue_drop(TcpSock listener, RequestSock req) {
        if (hashinfo().established().get(InetHashtables.key(req)) == req) {
            hashinfo().established().remove(InetHashtables.key(req));
            listener.qlen--;
        }
        if (req.sk == null) {
            reqsk_free(req);
        }
    }

    /** inet_csk_route_req: the route of a SYN-ACK, back to the client from the address it reached. */
    Rtable inet_csk_route_req(TcpSock listener, RequestSock req) {
        Flowi4 fl4 = Flowi4.flowi4_init_output(listener.sk_bound_dev_if, 0, listener.tos, Fib.RT_SCOPE_UNIVERSE,
                In.IPPROTO_TCP, 0, req.inet_daddr, req.inet_rcv_saddr, req.inet_dport, req.inet_num);
        int[] err = new int[1];
        return ipv4.route().ip_route_output_flow(fl4, listener, err);
    }

    /**
     * inet_csk_clone_lock: a new sock of the listener's protocol with its options (buffers,
     * TCP_NODELAY, keepalive settings, SO_REUSEADDR) and the request's addresses, in SYN_RECV
     * (LISTEN -> SYN_RECV, as the tracepoint shows it on Linux).
     */
    TcpSock inet_csk_clone_lock(TcpSock listener, RequestSock req) {
        long kaddr = net.sock().sk_prot_alloc(listener.sk_prot);
        if (kaddr == 0) {
            return null;
        }
        TcpSock newsk = (TcpSock) ((InetProto) listener.sk_prot).sk_alloc(kaddr);
        net.sock().sock_init_data(null, newsk);
        newsk.sk_type = listener.sk_type;
        newsk.sk_protocol = listener.sk_protocol;
        newsk.sk_destruct = listener.sk_destruct;
        newsk.sk_prot.init(newsk);
        newsk.sk_state = Sock.TCP_LISTEN;
        newsk.sk_rcvbuf = listener.sk_rcvbuf;
        newsk.sk_sndbuf = listener.sk_sndbuf;
        newsk.sk_userlocks = listener.sk_userlocks & ~AfInet.SOCK_BINDPORT_LOCK;
        newsk.sk_flags = listener.sk_flags & ~(1L << Sock.SOCK_DEAD | 1L << Sock.SOCK_DONE);
        newsk.sk_reuse = listener.sk_reuse;
        newsk.sk_rcvtimeo = listener.sk_rcvtimeo;
        newsk.sk_sndtimeo = listener.sk_sndtimeo;
        newsk.sk_priority = listener.sk_priority;
        newsk.sk_lingertime = listener.sk_lingertime;
        newsk.nonagle = listener.nonagle;
        newsk.keepalive_time = listener.keepalive_time;
        newsk.keepalive_intvl = listener.keepalive_intvl;
        newsk.keepalive_probes = listener.keepalive_probes;
        newsk.user_mss = listener.user_mss;
        newsk.uc_ttl = listener.uc_ttl;
        newsk.tos = listener.tos;
        newsk.pmtudisc = listener.pmtudisc;
        newsk.is_icsk = true;
        newsk.inet_rcv_saddr = newsk.inet_saddr = req.inet_rcv_saddr;
        newsk.inet_num = newsk.inet_sport = req.inet_num;
        newsk.inet_daddr = req.inet_daddr;
        newsk.inet_dport = req.inet_dport;
        newsk.inet_id = (int) (kernel.timekeeping().jiffies() & 0xffff);
        newsk.parent = listener;
        ipv4.tcp().inet_sk_state_trace(newsk, Sock.TCP_LISTEN, Sock.TCP_SYN_RECV);
        newsk.sk_state = Sock.TCP_SYN_RECV;
        return newsk;
    }

    /** inet_csk_complete_hashdance: the request leaves the SYN queue and carries the child onto the accept queue. */
    void inet_csk_complete_hashdance(TcpSock listener, TcpSock child, RequestSock req) {
        kernel.timers().del_timer(req.rsk_timer);
        listener.qlen--;
        req.sk = child;
        listener.rskq_accept.addLast(req);
        listener.sk_ack_backlog++;
    }

    /** inet_csk_wait_for_connect: sleeps until a connection is queued, the listener stops, or the timeout. */
    long inet_csk_wait_for_connect(TcpSock sk, long timeo) {
        return ipv4.tcp().sk_stream_wait(sk, timeo, () -> !sk.rskq_accept.isEmpty() || sk.sk_state != Sock.TCP_LISTEN);
    }

    /**
     * inet_csk_accept: the oldest established connection, waiting for one (EAGAIN non-blocking,
     * SO_RCVTIMEO, a signal's errno); EINVAL if the sock does not listen.
     */
    TcpSock inet_csk_accept(TcpSock sk, int flags, int[] err) {
        net.sock().lock_sock(sk);
        try {
            if (sk.sk_state != Sock.TCP_LISTEN) {
                err[0] = -Errno.EINVAL;
                return null;
            }
            long timeo = SockCore.sock_rcvtimeo(sk, (flags & org.jstap.sim.fs.Fcntl.O_NONBLOCK) != 0);
            while (sk.rskq_accept.isEmpty()) {
                if (timeo == 0) {
                    err[0] = -Errno.EAGAIN;
                    return null;
                }
                if (kernel.signal().signal_pending(kernel.sched().current())) {
                    err[0] = SockCore.sock_intr_errno(timeo);
                    return null;
                }
                timeo = inet_csk_wait_for_connect(sk, timeo);
                if (sk.sk_state != Sock.TCP_LISTEN) {
                    err[0] = -Errno.EINVAL;
                    return null;
                }
            }
            RequestSock req = sk.rskq_accept.removeFirst();
            sk.sk_ack_backlog--;
            TcpSock child = req.sk;
            child.parent = null;
            reqsk_free(req);
            return child;
        } finally {
            net.sock().release_sock(sk);
        }
    }

    /** inet_csk_listen_stop: requests in the SYN queue go; children not accepted are reset and destroyed. */
    void inet_csk_listen_stop(TcpSock sk) {
        for (InetSock s : new java.util.ArrayList<>(hashinfo().established().values())) {
            if (s instanceof RequestSock req && req.rsk_listener == sk) {
                inet_csk_reqsk_queue_drop(sk, req);
            }
        }
        RequestSock req;
        while ((req = sk.rskq_accept.pollFirst()) != null) {
            TcpSock child = req.sk;
            sk.sk_ack_backlog--;
            reqsk_free(req);
            child.parent = null;
            net.sock().sock_orphan(child);
            if (Tcp.tcp_need_reset(child.sk_state)) {
                ipv4.tcp_output().tcp_send_active_reset(child);
            }
            ipv4.tcp().tcp_set_state(child, Sock.TCP_CLOSE);
            inet_csk_destroy_sock(child);
        }
    }

    /**
     * inet_csk_destroy_sock: a dead sock in CLOSE goes: out of the hashes, its port given back,
     * its queues purged (tcp_v4_destroy_sock), the last reference put.
     */
    public void inet_csk_destroy_sock(TcpSock sk) {
        if (sk.destroyed) {
            return;
        }
        sk.destroyed = true;
        sk.sk_prot.unhash(sk);
        ipv4.inet_hashinfo().inet_put_port(sk);
        sk.sk_prot.destroy(sk);
        net.sock().sock_put(sk);
    }
}
