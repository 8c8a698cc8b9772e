package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.DstEntry;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;

/**
 * struct rtable (include/net/route.h): an IPv4 route as a packet uses it: the dst_entry (device,
 * output and input functions) plus the route's type, flags (RTCF_LOCAL for packets to this host,
 * RTCF_BROADCAST), the gateway when the next hop is not the destination, and the interface it
 * came in on for input routes.
 */
public final class Rtable extends DstEntry {
    /** rt_flags (include/uapi/linux/in_route.h). */
    public static final int RTCF_NOTIFY = 0x00010000;
    public static final int RTCF_REDIRECTED = 0x00040000;
    public static final int RTCF_DOREDIRECT = 0x01000000;
    public static final int RTCF_BROADCAST = 0x10000000;
    public static final int RTCF_MULTICAST = 0x20000000;
    public static final int RTCF_LOCAL = 0x80000000;

    public int rt_flags;
    public int rt_type;
    public boolean rt_is_input;
    public boolean rt_uses_gateway;
    public int rt_iif;
    /** rt_gw4: the gateway (0: the destination is on link). */
    public int rt_gw4;
    /** rt_pmtu: a smaller path MTU learnt from ICMP (0: the device's). */
    public int rt_pmtu;
    /** rt_genid: the routing generation it was made in; older ones are stale (rt_cache_valid). */
    int rt_genid;

    Rtable(NetDevice dev, int flags, int type) {
        super(dev, DST_OBSOLETE_FORCE_CHK);
        this.rt_flags = flags;
        this.rt_type = type;
    }

    /** skb_rtable. */
    public static Rtable skb_rtable(SkBuff skb) {
        return (Rtable) SkBuff.skb_dst(skb);
    }

    @Override
    public int dst_mtu() {
        return rt_pmtu != 0 ? Math.min(rt_pmtu, dev.mtu) : dev.mtu;
    }

    /** rt_nexthop: the address the link layer resolves: the gateway, or the destination. */
    public int rt_nexthop(int daddr) {
        return rt_gw4 != 0 ? rt_gw4 : daddr;
    }

    @Override
    public String toString() {
        return "rtable dev " + dev.name + " type " + rt_type + " gw " + In.pI4(rt_gw4);
    }
}
