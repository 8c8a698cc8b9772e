package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.core.SkBuff.*;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.lib.Checksum;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.PacketType;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * net/ipv4/ip_input.c: receiving IPv4 packets, from the ETH_P_IP handler to the transport
 * protocol: {@code __netif_receive_skb_core -> ip_rcv} (RFC 1122's header checks: version, IHL,
 * checksum, lengths; padding trimmed; other hosts' frames dropped) {@code -> ip_rcv_finish}
 * (the route, unless lo's packet still has its own) {@code -> dst_input -> ip_local_deliver}
 * (reassembly) {@code -> ip_local_deliver_finish -> ip_protocol_deliver_rcu ->
 * inet_protos[protocol].handler} (udp_rcv, icmp_rcv; tcp_v4_rcv next). An unknown protocol
 * gets ICMP protocol unreachable.
 *
 * <pre>{@code
 * // in the receiver, kernel.function("ip_local_deliver_finish") sees every packet for this host
 * }</pre>
 */
@LinuxFile("net/ipv4/ip_input.c")
public final class IpInput {
    /** Virtual cost of the IP layer's work per packet in. */
    static final long INPUT_NS = 120;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** ip_packet_type: ETH_P_IP. */
    private final PacketType ip_packet_type;

    IpInput(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
        this.ip_packet_type = new PacketType(Byteorder.htons(IfEther.ETH_P_IP), null, "ip_rcv", this::ip_rcv);
    }

    /** dev_add_pack(&ip_packet_type), the last step of inet_init. */
    void ip_packet_type_register() {
        net.rx().dev_add_pack(ip_packet_type);
    }

    /** ip_rcv: the header checked (ip_rcv_core), then (past the absent PRE_ROUTING hook) ip_rcv_finish. */
    public int ip_rcv(SkBuff skb, NetDevice dev, PacketType pt, NetDevice orig_dev) {
        skb = ip_rcv_core(skb);
        if (skb == null) {
            return NetDevice.NET_RX_DROP;
        }
        return ip_rcv_finish(net, null, skb);
    }

    /** ip_rcv_core: the skb if its header is sound, trimmed to tot_len; else null (dropped, counted). */
    SkBuff ip_rcv_core(SkBuff skb) {
        Snmp mib = ipv4.mib();
        kernel.sched().charge(INPUT_NS);
        if (skb.pkt_type == PACKET_OTHERHOST) {
            net.skb().kfree_skb(skb);
            return null;
        }
        mib.ip[Snmp.IPSTATS_MIB_INRECEIVES]++;
        skb = net.skb().skb_share_check(skb, org.jstap.sim.mm.Gfp.GFP_ATOMIC);
        if (skb == null) {
            mib.ip[Snmp.IPSTATS_MIB_INDISCARDS]++;
            return null;
        }
        if (!pskb_may_pull(skb, IpHdr.SIZEOF)) {
            return inhdr_error(skb);
        }
        IpHdr iph = IpHdr.ip_hdr(skb);
        if (iph.ihl() < 5 || iph.version() != 4) {
            return inhdr_error(skb);
        }
        if (!pskb_may_pull(skb, iph.ihl() * 4)) {
            return inhdr_error(skb);
        }
        if (Checksum.ip_fast_csum(skb, iph.p, iph.ihl()) != 0) {
            mib.ip[Snmp.IPSTATS_MIB_CSUMERRORS]++;
            return inhdr_error(skb);
        }
        int len = iph.tot_len();
        if (skb.len < len) {
            mib.ip[Snmp.IPSTATS_MIB_INTRUNCATEDPKTS]++;
            net.skb().kfree_skb(skb);
            return null;
        } else if (len < iph.ihl() * 4) {
            return inhdr_error(skb);
        }
        // the medium may have padded the frame: now skb->len is tot_len
        if (skb.len > len) {
            net.skb().skb_trim(skb, len);
        }
        skb.transport_header = skb.network_header + iph.ihl() * 4;
        skb.cb = null;
        skb_orphan(skb);
        return skb;
    }

    private SkBuff inhdr_error(SkBuff skb) {
        ipv4.mib().ip[Snmp.IPSTATS_MIB_INHDRERRORS]++;
        net.skb().kfree_skb(skb);
        return null;
    }

    /** ip_rcv_finish: the route (ip_rcv_finish_core), then dst_input. */
    public int ip_rcv_finish(Net n, Sock sk, SkBuff skb) {
        int ret = ip_rcv_finish_core(n, sk, skb, skb.dev);
        if (ret != NetDevice.NET_RX_DROP) {
            ret = net.dst().dst_input(skb);
        }
        return ret;
    }

    /** ip_rcv_finish_core: a packet without a route (all but lo's) is routed by its addresses; a martian is dropped. */
    int ip_rcv_finish_core(Net n, Sock sk, SkBuff skb, NetDevice dev) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        if (skb_dst(skb) == null) {
            int err = ipv4.route().ip_route_input_noref(skb, iph.daddr(), iph.saddr(), iph.tos(), dev);
            if (err != 0) {
                net.skb().kfree_skb(skb);
                return NetDevice.NET_RX_DROP;
            }
        }
        Rtable rt = Rtable.skb_rtable(skb);
        if (rt.rt_type == Fib.RTN_BROADCAST) {
            ipv4.mib().ip[Snmp.IPSTATS_MIB_INBCASTPKTS]++;
        }
        return NetDevice.NET_RX_SUCCESS;
    }

    /** ip_local_deliver: fragments are reassembled first (ip_defrag keeps them until the datagram is whole). */
    public int ip_local_deliver(SkBuff skb) {
        if (IpHdr.ip_hdr(skb).ip_is_fragment()) {
            skb = ipv4.fragment().ip_defrag(skb);
            if (skb == null) {
                return 0;
            }
        }
        return ip_local_deliver_finish(net, null, skb);
    }

    /** ip_local_deliver_finish: the IP header pulled, the transport protocol's turn. */
    public int ip_local_deliver_finish(Net n, Sock sk, SkBuff skb) {
        __skb_pull(skb, skb_transport_offset(skb));
        ip_protocol_deliver_rcu(n, skb, IpHdr.ip_hdr(skb).protocol());
        return 0;
    }

    /** ip_protocol_deliver_rcu: inet_protos[protocol].handler; nobody: ICMP protocol unreachable. */
    public void ip_protocol_deliver_rcu(Net n, SkBuff skb, int protocol) {
        NetProtocol ipprot = ipv4.protocol().inet_proto(protocol);
        if (ipprot != null) {
            ipprot.handler(skb);
            ipv4.mib().ip[Snmp.IPSTATS_MIB_INDELIVERS]++;
        } else {
            ipv4.mib().ip[Snmp.IPSTATS_MIB_INUNKNOWNPROTOS]++;
            ipv4.icmp().icmp_send(skb, IcmpHdr.ICMP_DEST_UNREACH, IcmpHdr.ICMP_PROT_UNREACH, 0);
            net.skb().kfree_skb(skb);
        }
    }

    /** ip_error: the input of an unreachable route: counted and dropped (no ICMP while forwarding is off). */
    public int ip_error(SkBuff skb) {
        ipv4.mib().ip[Snmp.IPSTATS_MIB_INADDRERRORS]++;
        net.skb().kfree_skb(skb);
        return 0;
    }
}
