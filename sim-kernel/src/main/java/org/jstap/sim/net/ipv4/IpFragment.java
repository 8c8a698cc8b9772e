package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.core.SkBuff.*;

import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.time.TimerList;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;

/**
 * net/ipv4/ip_fragment.c: reassembly. {@link #ip_defrag} keeps the fragments of a datagram in a
 * queue per (source, destination, id, protocol); when the last byte is there the datagram is
 * rebuilt as one linear skb with the first fragment's header and goes on to
 * ip_local_deliver_finish. A queue not complete after net.ipv4.ipfrag_time (30 s) is dropped, and
 * if its first fragment had come the sender gets ICMP time exceeded (fragment reassembly).
 * Overlapping fragments are taken in arrival order; there is no memory limit (ipfrag_high_thresh).
 *
 * <pre>{@code
 * skb = ipv4.fragment().ip_defrag(skb);   // null: kept for later (or dropped)
 * }</pre>
 */
@LinuxFile("net/ipv4/ip_fragment.c")
public final class IpFragment {
    /** net.ipv4.ipfrag_time, seconds. */
    static final int IPFRAG_TIME = 30;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    /** struct ipq: one datagram being reassembled. */
    private final class Ipq {
        final long key;
        /** The fragments' payloads by offset, and the first fragment's skb (kept for its header and route). */
        final TreeMap<Integer, byte[]> frags = new TreeMap<>();
        SkBuff first;
        int len = -1;
        int meat;
        final TimerList timer;

        Ipq(long key) {
            this.key = key;
            this.timer = new TimerList(() -> ip_expire(this));
        }
    }

    private final Map<Long, Ipq> queues = new TreeMap<>();

    IpFragment(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    private static long key(IpHdr iph) {
        return ((long) iph.saddr() * 31 + iph.daddr()) << 24 ^ (long) iph.id() << 8 ^ iph.protocol();
    }

    /** ip_defrag: the reassembled datagram, or null while fragments are missing. */
    public SkBuff ip_defrag(SkBuff skb) {
        ipv4.mib().ip[Snmp.IPSTATS_MIB_REASMREQDS]++;
        IpHdr iph = IpHdr.ip_hdr(skb);
        long k = key(iph);
        Ipq qp = queues.get(k);
        if (qp == null) {
            qp = new Ipq(k);
            queues.put(k, qp);
            kernel.timers().mod_timer(qp.timer, kernel.timekeeping().jiffies() + (long) IPFRAG_TIME * kernel.params().hz());
        }
        return ip_frag_queue(qp, skb);
    }

    /** ip_frag_queue: the fragment joins its queue; once complete, ip_frag_reasm. */
    private SkBuff ip_frag_queue(Ipq qp, SkBuff skb) {
        IpHdr iph = IpHdr.ip_hdr(skb);
        int offset = (iph.frag_off() & IpHdr.IP_OFFSET) << 3;
        int ihl = iph.ihl() * 4;
        int end = offset + iph.tot_len() - ihl;
        if ((iph.frag_off() & IpHdr.IP_MF) == 0) {
            qp.len = end;
        }
        byte[] data = new byte[end - offset];
        skb.load(skb_network_header(skb) + ihl, data, 0, data.length);
        if (qp.frags.put(offset, data) == null) {
            qp.meat += data.length;
        }
        if (offset == 0) {
            if (qp.first != null) {
                net.skb().kfree_skb(qp.first);
            }
            qp.first = skb;
        } else {
            net.skb().consume_skb(skb);
        }
        if (qp.len >= 0 && qp.meat >= qp.len && qp.first != null) {
            return ip_frag_reasm(qp);
        }
        return null;
    }

    /** ip_frag_reasm: one skb of the whole datagram, MF and offset cleared. */
    private SkBuff ip_frag_reasm(Ipq qp) {
        ipq_kill(qp);
        SkBuff head = qp.first;
        IpHdr hiph = IpHdr.ip_hdr(head);
        int ihl = hiph.ihl() * 4;
        SkBuff skb = net.skb().alloc_skb(NetDevice.LL_RESERVED_SPACE(head.dev) + ihl + qp.len, Gfp.GFP_ATOMIC);
        if (skb == null) {
            net.skb().kfree_skb(head);
            ipv4.mib().ip[Snmp.IPSTATS_MIB_REASMFAILS]++;
            return null;
        }
        skb_reserve(skb, NetDevice.LL_RESERVED_SPACE(head.dev));
        long p = net.skb().skb_put(skb, ihl + qp.len);
        byte[] h = new byte[ihl];
        head.load(hiph.p, h, 0, ihl);
        skb.store(p, h, 0, ihl);
        for (Map.Entry<Integer, byte[]> e : qp.frags.entrySet()) {
            int n = Math.min(e.getValue().length, qp.len - e.getKey());
            if (n > 0) {
                skb.store(p + ihl + e.getKey(), e.getValue(), 0, n);
            }
        }
        skb_reset_network_header(skb);
        skb.transport_header = skb.network_header + ihl;
        skb.dev = head.dev;
        skb.protocol = head.protocol;
        skb.pkt_type = head.pkt_type;
        skb.skb_iif = head.skb_iif;
        skb_dst_set(skb, skb_dst(head));
        IpHdr iph = IpHdr.ip_hdr(skb);
        iph.set_frag_off(iph.frag_off() & IpHdr.IP_DF);
        iph.set_tot_len(ihl + qp.len);
        iph.ip_send_check();
        net.skb().consume_skb(head);
        ipv4.mib().ip[Snmp.IPSTATS_MIB_REASMOKS]++;
        return skb;
    }

    private void ipq_kill(Ipq qp) {
        kernel.timers().del_timer(qp.timer);
        queues.remove(qp.key);
    }

    /** ip_expire: time is up; with the first fragment here the sender hears of it (ICMP time exceeded). */
    void ip_expire(Ipq qp) {
        queues.remove(qp.key);
        ipv4.mib().ip[Snmp.IPSTATS_MIB_REASMTIMEOUT]++;
        ipv4.mib().ip[Snmp.IPSTATS_MIB_REASMFAILS]++;
        if (qp.first != null) {
            ipv4.icmp().icmp_send(qp.first, IcmpHdr.ICMP_TIME_EXCEEDED, IcmpHdr.ICMP_EXC_FRAGTIME, 0);
            net.skb().kfree_skb(qp.first);
        }
    }
}
