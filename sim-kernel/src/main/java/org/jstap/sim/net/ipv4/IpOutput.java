package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.core.SkBuff.*;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.DstEntry;
import org.jstap.sim.net.core.Neighbour;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * net/ip_output.c: sending IPv4 packets, with Linux's functions and their order, so a backtrace
 * in the driver reads as it does on Linux. Datagrams are built by {@link #ip_make_skb} (one
 * call: UDP) or {@link #ip_append_data} + {@link #ip_push_pending_frames} (ping, ICMP, corked
 * UDP), which put the IP header in front ({@code __ip_make_skb}) and hand the skb to
 * {@link #ip_send_skb}; TCP uses {@link #ip_queue_xmit} (and {@link #ip_build_and_send_pkt} for
 * a SYN-ACK). All of them end in
 * {@code ip_local_out -> __ip_local_out -> dst_output -> ip_output -> ip_finish_output ->
 * __ip_finish_output (ip_fragment if larger than the MTU) -> ip_finish_output2 -> neigh_output ->
 * neigh_resolve_output -> dev_queue_xmit}. TTL is the socket's or 64; DF is set when the path MTU
 * is to be discovered (IP_PMTUDISC_WANT, the default) and the packet fits; the IP id is the
 * connected sock's counter, 0 with DF, else a per-destination counter.
 *
 * <pre>{@code
 * skb_push(skb, th_len); ... ; return ipv4.output().ip_queue_xmit(sk, skb, fl4);   // TCP's transmit
 * }</pre>
 */
@LinuxFile("net/ipv4/ip_output.c")
public final class IpOutput {
    /** IP_MAX_MTU. */
    static final int IP_MAX_MTU = 0xFFFF;
    /** IP_IDENTS_SZ: the per-destination id counters (ip_idents). */
    static final int IP_IDENTS_SZ = 2048;
    /** Virtual cost of the IP layer's work per packet out. */
    static final long OUTPUT_NS = 120;

    /** getfrag: copies {@code len} bytes of the data, from {@code offset}, to kernel address {@code to} of {@code skb}; 0 or -EFAULT. */
    @FunctionalInterface
    public interface Getfrag {
        int getfrag(SkBuff skb, long to, int offset, int len);
    }

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    private final int[] ip_idents = new int[IP_IDENTS_SZ];
    private int ip_idents_hashrnd;

    IpOutput(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** ip_idents init (ip_rt_init): random starting ids and hash key. */
    void ip_idents_init() {
        byte[] r = new byte[4 * (IP_IDENTS_SZ + 1)];
        kernel.random().get_random_bytes(r);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(r);
        for (int i = 0; i < IP_IDENTS_SZ; i++) {
            ip_idents[i] = b.getInt();
        }
        ip_idents_hashrnd = b.getInt();
    }

    /** __ip_select_ident: the next id for this (daddr, saddr, protocol). */
    void __ip_select_ident(IpHdr iph, int segs) {
        int hash = (iph.daddr() * 0x9e3779b1 ^ iph.saddr() * 0x85ebca6b ^ iph.protocol() * 0xc2b2ae35) ^ ip_idents_hashrnd;
        int bucket = (hash >>> 21) & (IP_IDENTS_SZ - 1);
        int id = ip_idents[bucket];
        ip_idents[bucket] += segs;
        iph.set_id(id & 0xffff);
    }

    /** ip_select_ident_segs: a connected sock's own counter; 0 when DF is set; else __ip_select_ident. */
    void ip_select_ident_segs(SkBuff skb, Sock sk, int segs) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        if (sk instanceof InetSock inet && inet.inet_daddr != 0) {
            iph.set_id(inet.inet_id & 0xffff);
            inet.inet_id += segs;
            return;
        }
        if ((iph.frag_off() & IpHdr.IP_DF) != 0 && !skb.ignore_df) {
            iph.set_id(0);
        } else {
            __ip_select_ident(iph, segs);
        }
    }

    /** ip_dont_fragment: DF for IP_PMTUDISC_DO, and for WANT (the path MTU is being discovered). */
    static boolean ip_dont_fragment(InetSock inet, DstEntry dst) {
        return inet.pmtudisc == In.IP_PMTUDISC_DO || inet.pmtudisc == In.IP_PMTUDISC_WANT;
    }

    /** ip_sk_ignore_df: below IP_PMTUDISC_DO the datagram may still be fragmented here. */
    static boolean ip_sk_ignore_df(InetSock inet) {
        return inet.pmtudisc < In.IP_PMTUDISC_DO;
    }

    /** ip_select_ttl: IP_TTL, else the route's hop limit (net.ipv4.ip_default_ttl). */
    int ip_select_ttl(InetSock inet, DstEntry dst) {
        return inet.uc_ttl >= 0 ? inet.uc_ttl : ipv4.sysctl_ip_default_ttl;
    }

    // ---------------------------------------------------------------- TCP's entries

    /** ip_queue_xmit: __ip_queue_xmit with the sock's TOS. */
    public int ip_queue_xmit(Sock sk, SkBuff skb, Flowi4 fl4) {
        return __ip_queue_xmit(sk, skb, fl4, InetSock.inet_sk(sk).tos);
    }

    /**
     * __ip_queue_xmit: the route from the skb, the sock's cached dst, or a lookup by the sock's
     * addresses and ports (EHOSTUNREACH without one); then the IP header in front of the
     * transport header TCP built, and ip_local_out.
     */
    public int __ip_queue_xmit(Sock sk, SkBuff skb, Flowi4 fl4, int tos) {
        InetSock inet = InetSock.inet_sk(sk);
        Rtable rt = Rtable.skb_rtable(skb);
        if (rt == null) {
            rt = ipv4.route().sk_dst_check(inet);
            if (rt == null) {
                Flowi4 f = Flowi4.flowi4_init_output(inet.sk_bound_dev_if, 0, tos, Fib.RT_SCOPE_UNIVERSE,
                        sk.sk_protocol, 0, inet.inet_daddr, inet.inet_saddr, inet.inet_dport, inet.inet_sport);
                int[] err = new int[1];
                rt = ipv4.route().ip_route_output_flow(f, sk, err);
                if (rt == null) {
                    ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTNOROUTES]++;
                    net.skb().kfree_skb(skb);
                    return -Errno.EHOSTUNREACH;
                }
                fl4.saddr = f.saddr;
                fl4.daddr = f.daddr;
                inet.sk_dst_cache = rt;
            }
            skb_dst_set(skb, rt);
        }
        net.skb().skb_push(skb, IpHdr.SIZEOF);
        skb_reset_network_header(skb);
        IpHdr iph = IpHdr.ip_hdr(skb);
        iph.set_version_ihl(4, 5);
        iph.set_tos(tos & 0xff);
        iph.set_frag_off(ip_dont_fragment(inet, rt) && !skb.ignore_df ? IpHdr.IP_DF : 0);
        iph.set_ttl(ip_select_ttl(inet, rt));
        iph.set_protocol(sk.sk_protocol);
        iph.set_saddr(fl4.saddr != 0 ? fl4.saddr : inet.inet_saddr);
        iph.set_daddr(fl4.daddr != 0 ? fl4.daddr : inet.inet_daddr);
        ip_select_ident_segs(skb, sk, 1);
        skb.priority = sk.sk_priority;
        return ip_local_out(net, sk, skb);
    }

    /**
     * ip_build_and_send_pkt: an IP header for a packet built on behalf of a listening sock (TCP's
     * SYN-ACK), already routed ({@code skb_dst}), from {@code saddr} to {@code daddr}.
     */
    public int ip_build_and_send_pkt(SkBuff skb, Sock sk, int saddr, int daddr) {
        InetSock inet = InetSock.inet_sk(sk);
        Rtable rt = Rtable.skb_rtable(skb);
        net.skb().skb_push(skb, IpHdr.SIZEOF);
        skb_reset_network_header(skb);
        IpHdr iph = IpHdr.ip_hdr(skb);
        iph.set_version_ihl(4, 5);
        iph.set_tos(inet.tos);
        iph.set_ttl(ip_select_ttl(inet, rt));
        iph.set_daddr(daddr);
        iph.set_saddr(saddr);
        iph.set_protocol(sk.sk_protocol);
        iph.set_frag_off(ip_dont_fragment(inet, rt) ? IpHdr.IP_DF : 0);
        iph.set_id(0);
        if ((iph.frag_off() & IpHdr.IP_DF) == 0) {
            __ip_select_ident(iph, 1);
        }
        skb.priority = sk.sk_priority;
        return ip_local_out(net, sk, skb);
    }

    // ---------------------------------------------------------------- the common path down

    /** ip_local_out: the header finished, then the route's output. */
    public int ip_local_out(Net n, Sock sk, SkBuff skb) {
        int err = __ip_local_out(n, sk, skb);
        if (err == 1) {
            err = net.dst().dst_output(n, sk, skb);
        }
        return err;
    }

    /** __ip_local_out: tot_len and the header checksum; 1 = go on (no netfilter LOCAL_OUT hook here). */
    public int __ip_local_out(Net n, Sock sk, SkBuff skb) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        iph.set_tot_len(skb.len);
        iph.ip_send_check();
        skb.protocol = Byteorder.htons(IfEther.ETH_P_IP);
        kernel.sched().charge(OUTPUT_NS);
        return 1;
    }

    /** ip_output: the packet leaves by the route's device (dst.output of unicast routes). */
    public int ip_output(Net n, Sock sk, SkBuff skb) {
        NetDevice dev = skb_dst(skb).dev;
        ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTREQUESTS]++;
        skb.dev = dev;
        skb.protocol = Byteorder.htons(IfEther.ETH_P_IP);
        return ip_finish_output(n, sk, skb);
    }

    /** ip_finish_output: past the (absent) cgroup egress program. */
    public int ip_finish_output(Net n, Sock sk, SkBuff skb) {
        return __ip_finish_output(n, sk, skb);
    }

    /** __ip_finish_output: fragments if the packet is longer than the path MTU. */
    int __ip_finish_output(Net n, Sock sk, SkBuff skb) {
        int mtu = skb_dst(skb).dst_mtu();
        if (skb.len > mtu) {
            return ip_fragment(n, sk, skb, mtu);
        }
        return ip_finish_output2(n, sk, skb);
    }

    /**
     * ip_finish_output2: room for the link header, then the neighbour of the next hop (the
     * gateway, or the destination; on lo one entry for all) and neigh_output.
     */
    public int ip_finish_output2(Net n, Sock sk, SkBuff skb) {
        Rtable rt = Rtable.skb_rtable(skb);
        NetDevice dev = rt.dev;
        int hh_len = NetDevice.LL_RESERVED_SPACE(dev);
        if (rt.rt_type == Fib.RTN_BROADCAST) {
            ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTBCASTPKTS]++;
        }
        if (skb_headroom(skb) < hh_len && dev.header_ops != null) {
            skb = net.skb().skb_expand_head(skb, hh_len);
            if (skb == null) {
                return -Errno.ENOMEM;
            }
        }
        Neighbour neigh = ip_neigh_gw4(dev, rt.rt_nexthop(IpHdr.ip_hdr(skb).daddr()));
        if (neigh != null) {
            int res = net.neigh().neigh_output(neigh, skb);
            net.neigh().neigh_release(neigh);
            return res;
        }
        net.skb().kfree_skb(skb);
        return -Errno.EINVAL;
    }

    /** ip_neigh_gw4 (include/net/route.h): the ARP entry of the next hop, made if need be; lo has one for all. */
    Neighbour ip_neigh_gw4(NetDevice dev, int daddr) {
        int key = (dev.flags & (NetDevice.IFF_LOOPBACK | NetDevice.IFF_POINTOPOINT)) != 0 ? In.INADDR_ANY : daddr;
        return net.neigh().__neigh_lookup(ipv4.arp().arp_tbl, key, dev, true);
    }

    // ---------------------------------------------------------------- fragmentation

    /**
     * ip_fragment: a packet with DF that does not fit is refused with ICMP frag-needed (EMSGSIZE);
     * else ip_do_fragment cuts it: each fragment a copy of the header with its offset and MF,
     * each sent by ip_finish_output2.
     */
    int ip_fragment(Net n, Sock sk, SkBuff skb, int mtu) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        if ((iph.frag_off() & IpHdr.IP_DF) != 0 && !skb.ignore_df) {
            ipv4.mib().ip[Snmp.IPSTATS_MIB_FRAGFAILS]++;
            ipv4.icmp().icmp_send(skb, IcmpHdr.ICMP_DEST_UNREACH, IcmpHdr.ICMP_FRAG_NEEDED, mtu);
            net.skb().kfree_skb(skb);
            return -Errno.EMSGSIZE;
        }
        return ip_do_fragment(n, sk, skb, mtu);
    }

    /** ip_do_fragment: the slow path (every skb here is linear): fragments of (mtu - header) & ~7 bytes. */
    int ip_do_fragment(Net n, Sock sk, SkBuff skb, int mtu) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        int hlen = iph.ihl() * 4;
        int left = skb.len - hlen;
        int offset = (iph.frag_off() & IpHdr.IP_OFFSET) << 3;
        boolean notLast = (iph.frag_off() & IpHdr.IP_MF) != 0;
        int ll_rs = NetDevice.LL_RESERVED_SPACE(skb_dst(skb).dev);
        long from = skb_network_header(skb);
        int ptr = hlen;
        int err = 0;
        while (left > 0) {
            int len = Math.min(left, mtu - hlen);
            if (len < left) {
                len &= ~7;
            }
            SkBuff skb2 = net.skb().alloc_skb(len + hlen + ll_rs, org.jstap.sim.mm.Gfp.GFP_ATOMIC);
            if (skb2 == null) {
                err = -Errno.ENOMEM;
                break;
            }
            skb_reserve(skb2, ll_rs);
            net.skb().skb_put(skb2, len + hlen);
            skb_reset_network_header(skb2);
            skb2.transport_header = skb2.network_header + hlen;
            skb_dst_set(skb2, skb_dst(skb));
            skb2.dev = skb.dev;
            skb2.protocol = skb.protocol;
            skb2.priority = skb.priority;
            if (skb.sk != null) {
                net.sock().skb_set_owner_w(skb2, skb.sk);
            }
            byte[] b = new byte[hlen];
            skb.load(from, b, 0, hlen);
            skb2.store(skb2.data, b, 0, hlen);
            byte[] d = new byte[len];
            skb.load(from + ptr, d, 0, len);
            skb2.store(skb2.data + hlen, d, 0, len);
            left -= len;
            IpHdr iph2 = IpHdr.ip_hdr(skb2);
            int fo = (offset >> 3) | (left > 0 || notLast ? IpHdr.IP_MF : 0);
            iph2.set_frag_off(fo);
            iph2.set_tot_len(len + hlen);
            iph2.ip_send_check();
            ptr += len;
            offset += len;
            ipv4.mib().ip[Snmp.IPSTATS_MIB_FRAGCREATES]++;
            err = ip_finish_output2(n, sk, skb2);
            if (err != 0) {
                break;
            }
        }
        net.skb().consume_skb(skb);
        if (err == 0) {
            ipv4.mib().ip[Snmp.IPSTATS_MIB_FRAGOKS]++;
        } else {
            ipv4.mib().ip[Snmp.IPSTATS_MIB_FRAGFAILS]++;
        }
        return err;
    }

    // ---------------------------------------------------------------- building datagrams

    /** ip_generic_getfrag: the data comes from the sender's message (copy_from_iter; EFAULT if short). */
    public static Getfrag ip_generic_getfrag(Msghdr msg) {
        return (skb, to, offset, len) -> {
            byte[] b = new byte[len];
            if (msg.msg_iter.copy_from_iter(b, 0, len) != len) {
                return -Errno.EFAULT;
            }
            skb.store(to, b, 0, len);
            return 0;
        };
    }

    /** ip_setup_cork: the route and the MTU the datagram is built for (ENETUNREACH for an MTU below 68). */
    int ip_setup_cork(InetSock inet, InetSock.InetCork cork, Rtable rt, Flowi4 fl4) {
        cork.fragsize = rt.dst_mtu();
        if (cork.fragsize < 68) {
            return -Errno.ENETUNREACH;
        }
        cork.rt = rt;
        cork.fl = fl4;
        cork.length = 0;
        cork.ttl = 0;
        cork.tos = -1;
        return 0;
    }

    /**
     * __ip_append_data: {@code length} more bytes of datagram ({@code transhdrlen} of them the
     * transport header, left for the caller) in one linear skb on {@code queue}, charged to the
     * sock's send buffer (and waiting for room unless MSG_DONTWAIT). EMSGSIZE past 65535 (or past
     * the MTU with IP_PMTUDISC_DO).
     */
    int __ip_append_data(InetSock inet, Flowi4 fl4, SkBuffHead queue, InetSock.InetCork cork, Getfrag getfrag,
            int length, int transhdrlen, int flags) {
        Rtable rt = cork.rt;
        int mtu = cork.fragsize;
        int hh_len = NetDevice.LL_RESERVED_SPACE(rt.dev);
        int fragheaderlen = IpHdr.SIZEOF;
        int maxnonfragsize = ip_sk_ignore_df(inet) ? IP_MAX_MTU : mtu;
        if (cork.length + length > maxnonfragsize - fragheaderlen) {
            return -Errno.EMSGSIZE;
        }
        int[] err = new int[1];
        boolean first = SkBuffHead.skb_queue_empty(queue);
        int alloclen = length + (first ? fragheaderlen : 0);
        SkBuff skb = net.sock().sock_alloc_send_skb(inet, alloclen + hh_len + 15,
                (flags & org.jstap.sim.net.SocketDefs.MSG_DONTWAIT) != 0, err);
        if (skb == null) {
            return err[0];
        }
        skb.ip_summed = CHECKSUM_NONE;
        skb_reserve(skb, hh_len);
        long data = net.skb().skb_put(skb, alloclen);
        if (first) {
            skb_set_network_header(skb, 0);
            skb.transport_header = skb.network_header + fragheaderlen;
            data += fragheaderlen;
        } else {
            skb_reset_transport_header(skb);
        }
        int copy = length - transhdrlen;
        if (copy > 0 && getfrag.getfrag(skb, data + transhdrlen, 0, copy) < 0) {
            net.skb().kfree_skb(skb);
            return -Errno.EFAULT;
        }
        cork.length += length;
        SkBuffHead.__skb_queue_tail(queue, skb);
        return 0;
    }

    /**
     * ip_append_data: adds to the datagram being built on the sock's write queue (the first call
     * sets up the cork with the route); ip_push_pending_frames sends it.
     */
    public int ip_append_data(InetSock inet, Flowi4 fl4, Getfrag getfrag, int length, int transhdrlen, Rtable rt,
            int flags) {
        if (SkBuffHead.skb_queue_empty(inet.sk_write_queue)) {
            int err = ip_setup_cork(inet, inet.cork, rt, fl4);
            if (err != 0) {
                return err;
            }
        } else {
            transhdrlen = 0;
        }
        return __ip_append_data(inet, fl4, inet.sk_write_queue, inet.cork, getfrag, length, transhdrlen, flags);
    }

    /**
     * __ip_make_skb: the queued pieces become one skb (copied together when there are several),
     * with the IP header: version, TOS, DF when it fits and the path MTU is wanted, TTL, protocol,
     * addresses, id; the route goes with it.
     */
    SkBuff __ip_make_skb(InetSock inet, Flowi4 fl4, SkBuffHead queue, InetSock.InetCork cork) {
        SkBuff skb = SkBuffHead.__skb_dequeue(queue);
        if (skb == null) {
            return null;
        }
        if (!SkBuffHead.skb_queue_empty(queue)) {
            skb = ip_coalesce(inet, skb, queue);
            if (skb == null) {
                return null;
            }
        }
        Rtable rt = cork.rt;
        skb.ignore_df = ip_sk_ignore_df(inet);
        int df = 0;
        if (inet.pmtudisc == In.IP_PMTUDISC_DO || inet.pmtudisc == In.IP_PMTUDISC_PROBE
                || (skb.len <= rt.dst_mtu() && ip_dont_fragment(inet, rt))) {
            df = IpHdr.IP_DF;
        }
        int ttl = cork.ttl != 0 ? cork.ttl : ip_select_ttl(inet, rt);
        IpHdr iph = IpHdr.ip_hdr(skb);
        iph.set_version_ihl(4, 5);
        iph.set_tos(cork.tos != -1 ? cork.tos : inet.tos);
        iph.set_frag_off(df);
        iph.set_ttl(ttl);
        iph.set_protocol(inet.sk_protocol);
        iph.set_saddr(fl4.saddr);
        iph.set_daddr(fl4.daddr);
        ip_select_ident_segs(skb, inet, 1);
        skb.priority = inet.sk_priority;
        cork.rt = null;
        skb_dst_set(skb, rt);
        return skb;
    }

    /** The pieces of a corked datagram copied into one linear skb (Linux chains them on frag_list). */
    private SkBuff ip_coalesce(InetSock inet, SkBuff head, SkBuffHead rest) {
        int total = head.len;
        for (SkBuff s = SkBuffHead.skb_peek(rest); s != null; s = SkBuffHead.skb_peek_next(s, rest)) {
            total += s.len;
        }
        int hh = skb_headroom(head);
        SkBuff skb = net.skb().alloc_skb(hh + total, org.jstap.sim.mm.Gfp.GFP_KERNEL);
        if (skb == null) {
            net.skb().kfree_skb(head);
            net.skb().skb_queue_purge(rest);
            return null;
        }
        net.sock().skb_set_owner_w(skb, inet);
        skb_reserve(skb, hh);
        long at = net.skb().skb_put(skb, total);
        skb_set_network_header(skb, 0);
        skb.transport_header = skb.network_header + IpHdr.SIZEOF;
        for (SkBuff s = head; s != null; s = SkBuffHead.__skb_dequeue(rest)) {
            byte[] b = new byte[s.len];
            s.load(s.data, b, 0, s.len);
            skb.store(at, b, 0, s.len);
            at += s.len;
            net.skb().consume_skb(s);
        }
        return skb;
    }

    /** ip_make_skb: a whole datagram in one call (UDP without corking): append into a private queue, then __ip_make_skb. */
    public SkBuff ip_make_skb(InetSock inet, Flowi4 fl4, Getfrag getfrag, int length, int transhdrlen, Rtable rt,
            InetSock.InetCork cork, int flags, int[] err) {
        SkBuffHead queue = new SkBuffHead();
        err[0] = ip_setup_cork(inet, cork, rt, fl4);
        if (err[0] != 0) {
            return null;
        }
        err[0] = __ip_append_data(inet, fl4, queue, cork, getfrag, length, transhdrlen, flags);
        if (err[0] != 0) {
            net.skb().skb_queue_purge(queue);
            return null;
        }
        return __ip_make_skb(inet, fl4, queue, cork);
    }

    /** ip_finish_skb: the sock's pending datagram as one skb. */
    public SkBuff ip_finish_skb(InetSock inet, Flowi4 fl4) {
        return __ip_make_skb(inet, fl4, inet.sk_write_queue, inet.cork);
    }

    /** ip_push_pending_frames: the pending datagram is made and sent. */
    public int ip_push_pending_frames(InetSock inet, Flowi4 fl4) {
        SkBuff skb = ip_finish_skb(inet, fl4);
        if (skb == null) {
            return 0;
        }
        return ip_send_skb(net, skb);
    }

    /** ip_flush_pending_frames: the pending datagram is dropped. */
    public void ip_flush_pending_frames(InetSock inet) {
        net.skb().skb_queue_purge(inet.sk_write_queue);
        inet.cork.rt = null;
    }

    /** ip_send_skb: ip_local_out; a congested qdisc is not an error, a drop is ENOBUFS. */
    public int ip_send_skb(Net n, SkBuff skb) {
        int err = ip_local_out(n, skb.sk, skb);
        if (err != 0) {
            if (err > 0) {
                err = err != NetDevice.NET_XMIT_CN ? -Errno.ENOBUFS : 0;
            }
            if (err != 0) {
                ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTDISCARDS]++;
            }
        }
        return err;
    }
}
