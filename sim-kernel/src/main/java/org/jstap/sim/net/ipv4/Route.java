package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.Fib.*;
import static org.jstap.sim.net.ipv4.Rtable.*;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;

/**
 * net/ipv4/route.c: turning a flow into an {@link Rtable}. Output ({@link #ip_route_output_key}):
 * a destination that is ours goes through lo (RTCF_LOCAL, input ip_local_deliver), others take the
 * FIB's next hop and the source address the route prefers; ENETUNREACH without a route, EINVAL for
 * a bad source. Input ({@link #ip_route_input_noref}) decides what a received packet is: ours
 * (ip_local_deliver), a broadcast (ours too), or another host's, which with forwarding off (the
 * default) is dropped by ip_error. Routes made from a FIB entry are cached in its next hop until
 * the tables change (rt_cache_flush).
 *
 * <pre>{@code
 * int[] err = new int[1];
 * Rtable rt = ipv4.route().ip_route_output_flow(fl4, sk, err);   // null with -errno in err[0]
 * }</pre>
 */
@LinuxFile("net/ipv4/route.c")
public final class Route {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** rt_genid_ipv4: bumped whenever the tables change, which makes every cached route stale. */
    private int rt_genid;

    Route(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** ip_rt_init: the address and routing layers (devinet_init, ip_fib_init). */
    void ip_rt_init() {
        ipv4.devinet().devinet_init();
        ipv4.fib().ip_fib_init();
    }

    /** rt_dst_alloc: a route out of {@code dev}; locally delivered if RTCF_LOCAL. */
    Rtable rt_dst_alloc(NetDevice dev, int flags, int type) {
        Rtable rt = new Rtable(dev, flags, type);
        rt.rt_genid = rt_genid;
        rt.output = ipv4.output()::ip_output;
        if ((flags & RTCF_LOCAL) != 0) {
            rt.input = ipv4.input()::ip_local_deliver;
        }
        return rt;
    }

    /** rt_genid_bump_ipv4: the tables changed. */
    void rt_genid_bump() {
        rt_genid++;
    }

    /** rt_cache_valid: made in this generation (a sock's cached dst is looked up again otherwise). */
    public boolean rt_cache_valid(Rtable rt) {
        return rt != null && rt.rt_genid == rt_genid;
    }

    /** sk_dst_check: the sock's cached route if still valid, else null (and forgotten). */
    public Rtable sk_dst_check(InetSock inet) {
        Rtable rt = (Rtable) inet.sk_dst_cache;
        if (rt != null && !rt_cache_valid(rt)) {
            inet.sk_dst_cache = null;
            return null;
        }
        return rt;
    }

    // ---------------------------------------------------------------- output

    /** ip_route_output_key: the route for {@code fl4} (whose saddr and daddr it completes); null with -errno in err[0]. */
    public Rtable ip_route_output_key(Flowi4 fl4, int[] err) {
        return ip_route_output_flow(fl4, null, err);
    }

    /** ip_route_output_flow: ip_route_output_key_hash for a sock's flow. */
    public Rtable ip_route_output_flow(Flowi4 fl4, Sock sk, int[] err) {
        return ip_route_output_key_hash(fl4, err);
    }

    /**
     * ip_route_connect: the route a connect(2) takes, filling in the source address the route
     * chooses (TCP's and datagram connect use it; the ports are the flow's).
     */
    public Rtable ip_route_connect(Flowi4 fl4, int dst, int src, int oif, int protocol, int sport, int dport, Sock sk,
            int[] err) {
        Flowi4 f = Flowi4.flowi4_init_output(oif, 0, 0, RT_SCOPE_UNIVERSE, protocol, 0, dst, src, dport, sport);
        Rtable rt = ip_route_output_flow(f, sk, err);
        copy(f, fl4);
        return rt;
    }

    private static void copy(Flowi4 from, Flowi4 to) {
        to.flowi4_oif = from.flowi4_oif;
        to.flowi4_iif = from.flowi4_iif;
        to.flowi4_tos = from.flowi4_tos;
        to.flowi4_scope = from.flowi4_scope;
        to.flowi4_proto = from.flowi4_proto;
        to.flowi4_flags = from.flowi4_flags;
        to.saddr = from.saddr;
        to.daddr = from.daddr;
        to.fl4_sport = from.fl4_sport;
        to.fl4_dport = from.fl4_dport;
    }

    /** ip_route_output_key_hash (with ip_route_output_key_hash_rcu): see the class comment. */
    Rtable ip_route_output_key_hash(Flowi4 fl4, int[] err) {
        int orig_oif = fl4.flowi4_oif;
        int flags = 0;
        NetDevice dev_out = null;
        FibResult res = new FibResult();
        res.type = RTN_UNSPEC;
        fl4.flowi4_iif = NetDevice.LOOPBACK_IFINDEX;
        fl4.flowi4_scope = RT_SCOPE_UNIVERSE;
        if (fl4.saddr != 0) {
            if (In.ipv4_is_multicast(fl4.saddr) || In.ipv4_is_lbcast(fl4.saddr) || In.ipv4_is_zeronet(fl4.saddr)) {
                err[0] = -Errno.EINVAL;
                return null;
            }
            if (fl4.flowi4_oif == 0 && (In.ipv4_is_multicast(fl4.daddr) || In.ipv4_is_lbcast(fl4.daddr))) {
                dev_out = ipv4.devinet().__ip_dev_find(fl4.saddr);
                if (dev_out == null) {
                    err[0] = -Errno.ENETUNREACH;
                    return null;
                }
                fl4.flowi4_oif = dev_out.ifindex;
                return __mkroute_output(res, fl4, orig_oif, dev_out, flags, err);
            }
            if ((fl4.flowi4_flags & Flowi4.FLOWI_FLAG_ANYSRC) == 0 && ipv4.devinet().__ip_dev_find(fl4.saddr) == null) {
                err[0] = -Errno.ENETUNREACH;
                return null;
            }
        }
        if (fl4.flowi4_oif != 0) {
            dev_out = net.dev().__dev_get_by_index(fl4.flowi4_oif);
            if (dev_out == null) {
                err[0] = -Errno.ENODEV;
                return null;
            }
            if ((dev_out.flags & NetDevice.IFF_UP) == 0 || InDevice.__in_dev_get_rtnl(dev_out) == null) {
                err[0] = -Errno.ENETUNREACH;
                return null;
            }
            if (In.ipv4_is_lbcast(fl4.daddr)) {
                if (fl4.saddr == 0) {
                    fl4.saddr = ipv4.devinet().inet_select_addr(dev_out, 0, RT_SCOPE_LINK);
                }
                return __mkroute_output(res, fl4, orig_oif, dev_out, flags, err);
            }
            if (fl4.saddr == 0 && fl4.daddr == 0) {
                fl4.saddr = ipv4.devinet().inet_select_addr(dev_out, 0, RT_SCOPE_HOST);
            }
        }
        if (fl4.daddr == 0) {
            fl4.daddr = fl4.saddr;
            if (fl4.daddr == 0) {
                fl4.daddr = fl4.saddr = In.INADDR_LOOPBACK;
            }
            dev_out = net.loopback_dev;
            fl4.flowi4_oif = NetDevice.LOOPBACK_IFINDEX;
            res.type = RTN_LOCAL;
            flags |= RTCF_LOCAL;
            return __mkroute_output(res, fl4, orig_oif, dev_out, flags, err);
        }
        int e = ipv4.fib().fib_lookup(fl4, res);
        if (e != 0) {
            res.fi = null;
            if (fl4.flowi4_oif != 0) {
                // the routing tables say nothing: assume the destination is on the named link
                if (fl4.saddr == 0) {
                    fl4.saddr = ipv4.devinet().inet_select_addr(dev_out, 0, RT_SCOPE_LINK);
                }
                res.type = RTN_UNICAST;
                return __mkroute_output(res, fl4, orig_oif, dev_out, flags, err);
            }
            err[0] = e;
            return null;
        }
        if (res.type == RTN_LOCAL) {
            if (fl4.saddr == 0) {
                fl4.saddr = res.fi.fib_prefsrc != 0 ? res.fi.fib_prefsrc : fl4.daddr;
            }
            dev_out = net.loopback_dev;
            orig_oif = res.fi.fib_nh_oif;
            fl4.flowi4_oif = dev_out.ifindex;
            flags |= RTCF_LOCAL;
            return __mkroute_output(res, fl4, orig_oif, dev_out, flags, err);
        }
        // fib_select_path: the route's preferred source, else the device's best address for the next hop
        if (fl4.saddr == 0) {
            fl4.saddr = res.fi.fib_prefsrc != 0 ? res.fi.fib_prefsrc
                    : ipv4.devinet().inet_select_addr(res.dev(), res.fi.fib_nh_gw4, res.scope);
        }
        dev_out = res.dev();
        return __mkroute_output(res, fl4, orig_oif, dev_out, flags, err);
    }

    /**
     * __mkroute_output: the rtable for a lookup's result: broadcast to 255.255.255.255, EINVAL
     * for a loopback source leaving by another device or a zeronet destination; a route from
     * the FIB is taken from (or put in) its next hop's cache.
     */
    Rtable __mkroute_output(FibResult res, Flowi4 fl4, int orig_oif, NetDevice dev_out, int flags, int[] err) {
        int type = res.type;
        FibInfo fi = res.fi;
        if (InDevice.__in_dev_get_rtnl(dev_out) == null) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        if (In.ipv4_is_loopback(fl4.saddr) && (dev_out.flags & NetDevice.IFF_LOOPBACK) == 0) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        if (In.ipv4_is_lbcast(fl4.daddr)) {
            type = RTN_BROADCAST;
        } else if (In.ipv4_is_multicast(fl4.daddr)) {
            type = RTN_MULTICAST;
        } else if (In.ipv4_is_zeronet(fl4.daddr)) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        if ((dev_out.flags & NetDevice.IFF_LOOPBACK) != 0) {
            flags |= RTCF_LOCAL;
        }
        boolean do_cache = true;
        if (type == RTN_BROADCAST) {
            flags |= RTCF_BROADCAST | RTCF_LOCAL;
            fi = null;
        } else if (type == RTN_MULTICAST) {
            flags |= RTCF_MULTICAST;
            fi = null;
        } else if (type == RTN_LOCAL && orig_oif != 0 && orig_oif != dev_out.ifindex) {
            do_cache = false;
        }
        do_cache &= fi != null;
        if (do_cache && rt_cache_valid(fi.nh_rth_output) && fi.nh_rth_output.dev == dev_out) {
            return fi.nh_rth_output;
        }
        Rtable rth = rt_dst_alloc(dev_out, flags, type);
        rth.rt_iif = orig_oif;
        rt_set_nexthop(rth, fi);
        if (do_cache) {
            fi.nh_rth_output = rth;
        }
        return rth;
    }

    /** rt_set_nexthop: a route through a gateway resolves the gateway, not the destination. */
    private static void rt_set_nexthop(Rtable rt, FibInfo fi) {
        if (fi != null && fi.fib_nh_gw4 != 0 && fi.fib_nh_scope == RT_SCOPE_LINK) {
            rt.rt_gw4 = fi.fib_nh_gw4;
            rt.rt_uses_gateway = true;
        }
    }

    // ---------------------------------------------------------------- input

    /**
     * ip_route_input_noref: the route of a received packet, attached to it. 0, or -EINVAL for a
     * martian (a multicast, broadcast or zero source; a zeronet or loopback destination from
     * outside). Packets for another host get an unreachable route (ip_error drops them) while
     * forwarding is off.
     */
    public int ip_route_input_noref(SkBuff skb, int daddr, int saddr, int tos, NetDevice dev) {
        return ip_route_input_slow(skb, daddr, saddr, tos, dev);
    }

    int ip_route_input_slow(SkBuff skb, int daddr, int saddr, int tos, NetDevice dev) {
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        if (in_dev == null) {
            return -Errno.EINVAL;
        }
        if (In.ipv4_is_multicast(saddr) || In.ipv4_is_lbcast(saddr)) {
            return -Errno.EINVAL;
        }
        FibResult res = new FibResult();
        int flags = 0;
        if (In.ipv4_is_lbcast(daddr) || (saddr == 0 && daddr == 0)) {
            return brd_input(skb, dev, res, flags);
        }
        if (In.ipv4_is_zeronet(saddr) || In.ipv4_is_zeronet(daddr)) {
            return -Errno.EINVAL;
        }
        if ((dev.flags & NetDevice.IFF_LOOPBACK) == 0 && (In.ipv4_is_loopback(daddr) || In.ipv4_is_loopback(saddr))) {
            return -Errno.EINVAL;
        }
        Flowi4 fl4 = new Flowi4();
        fl4.flowi4_iif = dev.ifindex;
        fl4.flowi4_tos = tos;
        fl4.flowi4_scope = RT_SCOPE_UNIVERSE;
        fl4.daddr = daddr;
        fl4.saddr = saddr;
        int err = ipv4.fib().fib_lookup(fl4, res);
        if (err != 0) {
            if (!ipv4.sysctl_ip_forward) {
                err = -Errno.EHOSTUNREACH;
            }
            return no_route(skb, dev, res, err);
        }
        if (res.type == RTN_BROADCAST) {
            return brd_input(skb, dev, res, flags);
        }
        if (res.type == RTN_LOCAL) {
            return local_input(skb, dev, res, flags, 0);
        }
        // another host's packet: forwarding is not modelled, so it is unreachable from here
        return no_route(skb, dev, res, -Errno.EHOSTUNREACH);
    }

    private int brd_input(SkBuff skb, NetDevice dev, FibResult res, int flags) {
        res.type = RTN_BROADCAST;
        res.fi = null;
        return local_input(skb, dev, res, flags | RTCF_BROADCAST, 0);
    }

    private int no_route(SkBuff skb, NetDevice dev, FibResult res, int err) {
        res.type = RTN_UNREACHABLE;
        res.fi = null;
        return local_input(skb, dev, res, 0, err);
    }

    /** local_input: the input route (cached in the next hop): ip_local_deliver, or ip_error for unreachable. */
    private int local_input(SkBuff skb, NetDevice dev, FibResult res, int flags, int err) {
        boolean do_cache = res.fi != null;
        if (do_cache && rt_cache_valid(res.fi.nh_rth_input)) {
            SkBuff.skb_dst_set(skb, res.fi.nh_rth_input);
            return 0;
        }
        Rtable rth = rt_dst_alloc(net.loopback_dev, flags | RTCF_LOCAL, res.type);
        rth.output = this::ip_rt_bug;
        rth.rt_is_input = true;
        rth.rt_iif = dev.ifindex;
        if (res.type == RTN_UNREACHABLE) {
            rth.input = ipv4.input()::ip_error;
            rth.error = -err;
            rth.rt_flags &= ~RTCF_LOCAL;
        }
        if (do_cache) {
            res.fi.nh_rth_input = rth;
        }
        SkBuff.skb_dst_set(skb, rth);
        return 0;
    }

    /** ip_rt_bug: an input route used for output. */
    int ip_rt_bug(Net n, Sock sk, SkBuff skb) {
        kernel.printk().pr_warn("ip_rt_bug: " + skb);
        net.skb().kfree_skb(skb);
        return 0;
    }
}
