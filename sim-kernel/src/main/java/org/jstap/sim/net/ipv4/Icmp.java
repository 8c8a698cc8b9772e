package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.IcmpHdr.*;

import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Checksum;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;

/**
 * net/ipv4/icmp.c: ICMP. {@link #icmp_rcv} checks the checksum and dispatches by type: echo
 * requests are answered ({@link #icmp_echo} -> icmp_reply), echo replies go to ping sockets
 * (ping_rcv), errors (destination unreachable, time exceeded, parameter problem) are handed to
 * the protocol of the packet they quote ({@link #icmp_unreach} -> icmp_socket_deliver ->
 * err_handler: udp_err). {@link #icmp_send} reports an error about a packet we received or
 * tried to send (port unreachable from UDP, host unreachable when ARP fails, fragmentation
 * needed) quoting as much of it as fits in 576 bytes, never about an ICMP error, a broadcast or
 * a fragment other than the first; it is rate-limited globally (icmp_msgs_per_sec, burst) and
 * per destination (icmp_ratelimit for the types in icmp_ratemask; not on lo), as Linux does.
 * Replies and errors leave through the kernel's ICMP control sock.
 *
 * <pre>{@code
 * ipv4.icmp().icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
 * }</pre>
 */
@LinuxFile("net/ipv4/icmp.c")
public final class Icmp {
    /** XRLIM_BURST_FACTOR: a peer may get this many rate-limited messages in a burst. */
    static final int XRLIM_BURST_FACTOR = 6;
    /** IPTOS_PREC_INTERNETCONTROL: the TOS of ICMP errors. */
    static final int IPTOS_PREC_INTERNETCONTROL = 0xc0;

    /** icmp_err_convert: the errno and whether it is fatal, by destination-unreachable code. */
    static final int[][] ICMP_ERR_CONVERT = {
        {Errno.ENETUNREACH, 0}, {Errno.EHOSTUNREACH, 0}, {Errno.ENOPROTOOPT, 1}, {Errno.ECONNREFUSED, 1},
        {Errno.EMSGSIZE, 0}, {Errno.EOPNOTSUPP, 0}, {Errno.ENETUNREACH, 1}, {Errno.EHOSTDOWN, 1}, {Errno.ENONET, 1},
        {Errno.ENETUNREACH, 1}, {Errno.EHOSTUNREACH, 1}, {Errno.ENETUNREACH, 0}, {Errno.EHOSTUNREACH, 0},
        {Errno.EHOSTUNREACH, 1}, {Errno.EHOSTUNREACH, 1}, {Errno.EHOSTUNREACH, 1}};

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** The control sock's protocol ("RAW", as inet_ctl_sock_create makes it). */
    final InetProto icmp_ctl_prot = new InetProto("RAW", 968) {
        @Override
        public InetSock sk_alloc(long kaddr) {
            return new InetSock(this, kaddr);
        }
    };
    /** icmp_sk: the control sock replies and errors are sent from. */
    private InetSock icmp_sk;
    /** icmp_global: the global token bucket. */
    private int global_credit;
    private long global_stamp;
    /** inet_peer's rate_tokens/rate_last per destination (the peer cache). */
    private final Map<Integer, long[]> peers = new TreeMap<>();

    /** icmp_protocol: ICMP's entry in inet_protos[]. */
    public final NetProtocol icmp_protocol = new NetProtocol() {
        @Override
        public int handler(SkBuff skb) {
            return icmp_rcv(skb);
        }

        @Override
        public int err_handler(SkBuff skb, int info) {
            return icmp_err(skb, info);
        }
    };

    Icmp(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** icmp_init: the control sock (pmtudisc off: errors and replies may be fragmented). */
    int icmp_init() {
        if (net.sock().proto_register(icmp_ctl_prot) != 0) {
            return -1;
        }
        long kaddr = net.sock().sk_prot_alloc(icmp_ctl_prot);
        if (kaddr == 0) {
            return -1;
        }
        icmp_sk = icmp_ctl_prot.sk_alloc(kaddr);
        net.sock().sock_init_data(null, icmp_sk);
        icmp_sk.sk_type = SocketDefs.SOCK_RAW;
        icmp_sk.sk_protocol = In.IPPROTO_ICMP;
        icmp_sk.sk_sndbuf = 2 * net.sysctl_wmem_max;
        icmp_sk.pmtudisc = In.IP_PMTUDISC_DONT;
        global_credit = ipv4.sysctl_icmp_msgs_burst;
        return 0;
    }

    // ---------------------------------------------------------------- rate limits

    /** icmp_global_allow: the global bucket, refilled at icmp_msgs_per_sec, holding at most icmp_msgs_burst. */
    boolean icmp_global_allow() {
        long now = kernel.timekeeping().jiffies();
        int hz = kernel.params().hz();
        long delta = Math.min(now - global_stamp, hz);
        int incr = 0;
        if (delta >= hz / 50) {
            incr = (int) (ipv4.sysctl_icmp_msgs_per_sec * delta / hz);
            if (incr != 0) {
                global_stamp = now;
            }
        }
        int credit = Math.min(global_credit + incr, ipv4.sysctl_icmp_msgs_burst);
        boolean rc = false;
        if (credit != 0) {
            credit--;
            rc = true;
        }
        global_credit = credit;
        return rc;
    }

    /** icmpv4_mask_allow: types outside icmp_ratemask, and PMTU discovery, are never limited. */
    boolean icmpv4_mask_allow(int type, int code) {
        if (type > NR_ICMP_TYPES) {
            return true;
        }
        if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
            return true;
        }
        return ((1 << type) & ipv4.sysctl_icmp_ratemask) == 0;
    }

    boolean icmpv4_global_allow(int type, int code) {
        return icmpv4_mask_allow(type, code) || icmp_global_allow();
    }

    /** icmpv4_xrlim_allow: the per-destination limit (inet_peer_xrlim_allow), not for lo. */
    boolean icmpv4_xrlim_allow(Rtable rt, Flowi4 fl4, int type, int code) {
        if (icmpv4_mask_allow(type, code)) {
            return true;
        }
        if ((rt.dev.flags & NetDevice.IFF_LOOPBACK) != 0) {
            return true;
        }
        long now = kernel.timekeeping().jiffies();
        long timeout = (long) ipv4.sysctl_icmp_ratelimit_ms * kernel.params().hz() / 1000;
        long[] peer = peers.computeIfAbsent(fl4.daddr, a -> new long[] {0, now - 60L * kernel.params().hz()});
        long token = peer[0] + now - peer[1];
        peer[1] = now;
        if (token > XRLIM_BURST_FACTOR * timeout) {
            token = XRLIM_BURST_FACTOR * timeout;
        }
        boolean rc = false;
        if (token >= timeout) {
            token -= timeout;
            rc = true;
        }
        peer[0] = token;
        return rc;
    }

    // ---------------------------------------------------------------- receiving

    /**
     * icmp_rcv: a bad checksum or an unknown type is dropped; to a broadcast address only echo,
     * timestamp and address-mask messages count (and echo is ignored by default).
     */
    public int icmp_rcv(SkBuff skb) {
        Rtable rt = Rtable.skb_rtable(skb);
        if (Checksum.csum_fold(Checksum.csum_partial(skb, skb.data, skb.len, 0)) != 0 || skb.len < IcmpHdr.SIZEOF) {
            net.skb().kfree_skb(skb);
            return 0;
        }
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        net.skb().skb_pull(skb, IcmpHdr.SIZEOF);
        int type = icmph.type();
        if (type > NR_ICMP_TYPES) {
            net.skb().kfree_skb(skb);
            return 0;
        }
        if ((rt.rt_flags & (Rtable.RTCF_BROADCAST | Rtable.RTCF_MULTICAST)) != 0) {
            if ((type == ICMP_ECHO || type == ICMP_TIMESTAMP) && ipv4.sysctl_icmp_echo_ignore_broadcasts) {
                net.skb().kfree_skb(skb);
                return 0;
            }
            if (type != ICMP_ECHO && type != ICMP_TIMESTAMP && type != ICMP_ADDRESS && type != ICMP_ADDRESSREPLY) {
                net.skb().kfree_skb(skb);
                return 0;
            }
        }
        boolean success = switch (type) {
            case ICMP_ECHOREPLY -> ipv4.ping().ping_rcv(skb);
            case ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB -> icmp_unreach(skb);
            case ICMP_ECHO -> icmp_echo(skb);
            default -> icmp_discard(skb);
        };
        if (success) {
            net.skb().consume_skb(skb);
        } else {
            net.skb().kfree_skb(skb);
        }
        return 0;
    }

    /** icmp_discard: what we do not handle (redirects, timestamps, information requests). */
    boolean icmp_discard(SkBuff skb) {
        return true;
    }

    /** icmp_echo: the request's payload goes back as an echo reply (unless icmp_echo_ignore_all). */
    boolean icmp_echo(SkBuff skb) {
        if (ipv4.sysctl_icmp_echo_ignore_all) {
            return true;
        }
        IcmpHdr req = IcmpHdr.icmp_hdr(skb);
        IcmpParam param = new IcmpParam(ICMP_ECHOREPLY, req.code(), req.un(), skb, 0, skb.len);
        icmp_reply(param, skb);
        return true;
    }

    /** struct icmp_bxm: the message being built: its header, and where its data comes from. */
    record IcmpParam(int type, int code, int un, SkBuff skb, int offset, int data_len) {}

    /** icmp_reply: to the request's source, from the address it was sent to, with its TOS. */
    void icmp_reply(IcmpParam param, SkBuff skb) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        if (!icmpv4_global_allow(param.type(), param.code())) {
            return;
        }
        icmp_sk.tos = iph.tos();
        Flowi4 fl4 = new Flowi4();
        fl4.daddr = iph.saddr();
        Rtable in = Rtable.skb_rtable(skb);
        // fib_compute_spec_dst: the address the request was for, unless it was a broadcast
        fl4.saddr = (in.rt_flags & (Rtable.RTCF_BROADCAST | Rtable.RTCF_MULTICAST)) == 0 ? iph.daddr() : 0;
        fl4.flowi4_tos = iph.tos() & 0x1e;
        fl4.flowi4_proto = In.IPPROTO_ICMP;
        int[] err = new int[1];
        Rtable rt = ipv4.route().ip_route_output_key(fl4, err);
        if (rt == null) {
            return;
        }
        if (icmpv4_xrlim_allow(rt, fl4, param.type(), param.code())) {
            icmp_push_reply(param, fl4, rt);
        }
    }

    /** icmp_push_reply: header and quoted data through ip_append_data, the checksum, ip_push_pending_frames. */
    void icmp_push_reply(IcmpParam param, Flowi4 fl4, Rtable rt) {
        IpOutput out = ipv4.output();
        IpOutput.Getfrag glue = (skb, to, offset, len) -> icmp_glue_bits(param, skb, to, offset, len);
        int err = out.ip_append_data(icmp_sk, fl4, glue, param.data_len() + IcmpHdr.SIZEOF, IcmpHdr.SIZEOF, rt,
                SocketDefs.MSG_DONTWAIT);
        if (err < 0) {
            out.ip_flush_pending_frames(icmp_sk);
            return;
        }
        SkBuff skb = org.jstap.sim.net.core.SkBuffHead.skb_peek(icmp_sk.sk_write_queue);
        if (skb != null) {
            IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
            icmph.set_type(param.type());
            icmph.set_code(param.code());
            icmph.set_checksum(0);
            icmph.set_un(param.un());
            long end = SkBuff.skb_tail_pointer(skb);
            icmph.set_checksum(Checksum.csum_fold(Checksum.csum_partial(skb, icmph.p, (int) (end - icmph.p), 0)));
            out.ip_push_pending_frames(icmp_sk, fl4);
        }
    }

    /** icmp_glue_bits: the quoted bytes, from the original packet at offset (relative to its data: negative reaches its IP header). */
    int icmp_glue_bits(IcmpParam param, SkBuff skb, long to, int offset, int len) {
        SkBuff from = param.skb();
        byte[] b = new byte[len];
        from.load(from.data + param.offset() + offset, b, 0, len);
        skb.store(to, b, 0, len);
        return 0;
    }

    /** icmp_unreach: an error quoting one of our packets: its protocol's err_handler is told (icmp_socket_deliver). */
    boolean icmp_unreach(SkBuff skb) {
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        if (skb.len < IpHdr.SIZEOF) {
            return false;
        }
        IpHdr iph = new IpHdr(skb, skb.data);
        if (iph.ihl() < 5) {
            return false;
        }
        int info = 0;
        if (icmph.type() == ICMP_DEST_UNREACH) {
            if ((icmph.code() & 15) == ICMP_FRAG_NEEDED) {
                info = icmph.un() & 0xffff;
            }
            if (icmph.code() > NR_ICMP_UNREACH) {
                return true;
            }
        } else if (icmph.type() == ICMP_PARAMETERPROB) {
            info = icmph.un() >>> 24;
        }
        icmp_socket_deliver(skb, info);
        return true;
    }

    /** icmp_socket_deliver: the quoted header and 8 bytes of its transport must be there; then inet_protos[protocol].err_handler. */
    void icmp_socket_deliver(SkBuff skb, int info) {
        IpHdr iph = new IpHdr(skb, skb.data);
        if (skb.len < iph.ihl() * 4 + 8) {
            return;
        }
        NetProtocol ipprot = ipv4.protocol().inet_proto(iph.protocol());
        if (ipprot != null) {
            ipprot.err_handler(skb, info);
        }
    }

    /** icmp_err: an ICMP error about an ICMP packet we sent (a ping socket's echo request). */
    int icmp_err(SkBuff skb, int info) {
        ipv4.ping().ping_err(skb, info);
        return 0;
    }

    // ---------------------------------------------------------------- sending errors

    /**
     * icmp_send (__icmp_send): an error of {@code type}/{@code code} about {@code skb_in} to its
     * sender, quoting its header and data up to 576 bytes in all; see the class comment for
     * when nothing is sent.
     */
    public void icmp_send(SkBuff skb_in, int type, int code, int info) {
        Rtable rt = Rtable.skb_rtable(skb_in);
        if (rt == null) {
            return;
        }
        long nh = SkBuff.skb_network_header(skb_in);
        if (nh < skb_in.head || nh + IpHdr.SIZEOF > SkBuff.skb_tail_pointer(skb_in)) {
            return;
        }
        IpHdr iph = IpHdr.ip_hdr(skb_in);
        if (skb_in.pkt_type != SkBuff.PACKET_HOST) {
            return;
        }
        if ((rt.rt_flags & (Rtable.RTCF_BROADCAST | Rtable.RTCF_MULTICAST)) != 0) {
            return;
        }
        if ((iph.frag_off() & IpHdr.IP_OFFSET) != 0) {
            return;
        }
        boolean isError = type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT
                || type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
        if (isError && iph.protocol() == In.IPPROTO_ICMP) {
            long itp = nh + iph.ihl() * 4L;
            if (itp + 1 > SkBuff.skb_tail_pointer(skb_in)) {
                return;
            }
            int inner = skb_in.u8(itp);
            if (inner > NR_ICMP_TYPES || inner == ICMP_DEST_UNREACH || inner == ICMP_SOURCE_QUENCH
                    || inner == ICMP_REDIRECT || inner == ICMP_TIME_EXCEEDED || inner == ICMP_PARAMETERPROB) {
                return;
            }
        }
        boolean fromLo = skb_in.dev != null && (skb_in.dev.flags & NetDevice.IFF_LOOPBACK) != 0;
        if (!fromLo && !icmpv4_global_allow(type, code)) {
            return;
        }
        int saddr = iph.daddr();
        if ((rt.rt_flags & Rtable.RTCF_LOCAL) == 0) {
            saddr = 0;
        }
        int tos = isError ? (iph.tos() & 0x1e) | IPTOS_PREC_INTERNETCONTROL : iph.tos();
        icmp_sk.tos = tos;
        Flowi4 fl4 = new Flowi4();
        fl4.daddr = iph.saddr();
        fl4.saddr = saddr;
        fl4.flowi4_tos = tos & 0x1e;
        fl4.flowi4_proto = In.IPPROTO_ICMP;
        fl4.fl4_icmp_type = type;
        fl4.fl4_icmp_code = code;
        int[] err = new int[1];
        Rtable ort = ipv4.route().ip_route_output_key(fl4, err);
        if (ort == null) {
            return;
        }
        if (!icmpv4_xrlim_allow(ort, fl4, type, code)) {
            return;
        }
        int room = Math.min(ort.dst_mtu(), 576) - IpHdr.SIZEOF - IcmpHdr.SIZEOF;
        if (room <= IpHdr.SIZEOF) {
            return;
        }
        int offset = (int) (nh - skb_in.data);
        int data_len = Math.min(skb_in.len - offset, room);
        icmp_push_reply(new IcmpParam(type, code, info, skb_in, offset, data_len), fl4, ort);
    }
}
