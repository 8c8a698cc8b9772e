package org.jstap.sim.net.ipv4;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.core.Net;

/**
 * net/ipv4/inet_timewait_sock.c: TIME_WAIT socks' life. {@link #inet_twsk_alloc} takes one from
 * the "tw_sock_TCP" cache with the connection's addresses, ports and SO_REUSEADDR;
 * {@link #inet_twsk_hashdance} puts it in the connection's place in the established hash and
 * among the owners of its port; {@link #inet_twsk_schedule} arms its timer, whose expiry
 * ({@link #tw_timer_handler}) or an RST ({@link #inet_twsk_deschedule_put}) kills it
 * ({@link #inet_twsk_kill}: out of both tables, the port free again).
 *
 * <pre>{@code
 * TcpTimewaitSock tw = inet_twsk_alloc(sk, TCP_TIME_WAIT);
 * inet_twsk_hashdance(tw, sk);  inet_twsk_schedule(tw, 60 * HZ);
 * }</pre>
 */
@LinuxFile("net/ipv4/inet_timewait_sock.c")
public final class InetTimewaitSock {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    InetTimewaitSock(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** inet_twsk_alloc: a TIME_WAIT sock for {@code sk} in substate {@code state}; null when memory is short. */
    TcpTimewaitSock inet_twsk_alloc(TcpSock sk, int state) {
        TcpTimewaitSock tw = ipv4.tcp_ipv4().twsk_alloc();
        if (tw == null) {
            return null;
        }
        tw.tw_substate = state;
        tw.inet_rcv_saddr = sk.inet_rcv_saddr;
        tw.inet_saddr = sk.inet_saddr;
        tw.inet_daddr = sk.inet_daddr;
        tw.inet_num = sk.inet_num;
        tw.inet_sport = sk.inet_sport;
        tw.inet_dport = sk.inet_dport;
        tw.sk_reuse = sk.sk_reuse;
        tw.sk_bound_dev_if = sk.sk_bound_dev_if;
        tw.tos = sk.tos;
        tw.uc_ttl = sk.uc_ttl;
        return tw;
    }

    /** inet_twsk_hashdance: {@code tw} takes {@code sk}'s place in the established hash and joins its port's owners. */
    void inet_twsk_hashdance(TcpTimewaitSock tw, TcpSock sk) {
        InetBindBucket tb = sk.icsk_bind_hash;
        if (tb != null) {
            tw.tw_tb = tb;
            tb.owners.add(tw);
        }
        ipv4.inet_hashinfo().inet_ehash_insert(tw, sk);
    }

    /** inet_twsk_schedule: the TIME_WAIT timer, {@code timeo} jiffies from now (again if it was running). */
    void inet_twsk_schedule(TcpTimewaitSock tw, long timeo) {
        kernel.timers().mod_timer(tw.tw_timer, kernel.timekeeping().jiffies() + timeo);
    }

    /** tw_timer_handler: TIME_WAIT is over. */
    void tw_timer_handler(TcpTimewaitSock tw) {
        inet_twsk_kill(tw);
    }

    /** inet_twsk_deschedule_put: killed before its time (an RST, a new connection). */
    void inet_twsk_deschedule_put(TcpTimewaitSock tw) {
        kernel.timers().del_timer(tw.tw_timer);
        inet_twsk_kill(tw);
    }

    /** inet_twsk_kill: out of the established hash and the bind bucket; the slot goes back to its cache. */
    void inet_twsk_kill(TcpTimewaitSock tw) {
        InetHashtables h = ipv4.inet_hashinfo();
        InetHashtables.Ehash k = InetHashtables.key(tw);
        if (h.established().get(k) == tw) {
            h.established().remove(k);
        }
        InetBindBucket tb = tw.tw_tb;
        if (tb != null) {
            tb.owners.remove(tw);
            h.inet_bind_bucket_destroy(tb);
            tw.tw_tb = null;
        }
        ipv4.tcp_ipv4().twsk_free(tw);
    }
}
