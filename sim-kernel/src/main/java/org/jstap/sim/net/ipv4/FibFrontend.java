package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.Fib.*;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetdevNotifier;

/**
 * net/ipv4/fib_frontend.c: the two routing tables (local, consulted first, then main, as the
 * default policy rules order them), the routes the kernel makes for each address
 * ({@link #fib_add_ifaddr}: the address itself and the subnet's broadcasts in local, the
 * connected subnet in main, all "proto kernel"), what happens when a device goes down (its
 * routes are flushed) or up (they come back), {@link #fib_lookup}, {@link #inet_addr_type} and
 * the old route ioctls SIOCADDRT/SIOCDELRT ({@link #ip_rt_ioctl}, which is how {@code ip route
 * add} reaches the kernel here: there is no rtnetlink). /proc/net/route shows main.
 *
 * <pre>{@code
 * FibResult res = new FibResult();
 * int err = ipv4.fib().fib_lookup(fl4, res);      // -ENETUNREACH without a route
 * }</pre>
 */
@LinuxFile("net/ipv4/fib_frontend.c")
public final class FibFrontend {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** fib_local and fib_main. */
    private final FibTable local = new FibTable(RT_TABLE_LOCAL);
    private final FibTable main = new FibTable(RT_TABLE_MAIN);

    FibFrontend(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** fib_get_table. */
    public FibTable fib_get_table(int id) {
        return id == RT_TABLE_LOCAL ? local : id == RT_TABLE_MAIN ? main : null;
    }

    /** ip_fib_init: the device notifier (routes follow devices up and down) and /proc/net/route. */
    void ip_fib_init() {
        net.dev().register_netdevice_notifier(this::fib_netdev_event);
        kernel.proc().proc_net().proc_create_net_single("route", 0444, i -> main.fib_route_seq_show());
    }

    /** fib_lookup: the local table, then main; -ENETUNREACH when neither has a route. */
    public int fib_lookup(Flowi4 fl4, FibResult res) {
        if (local.fib_table_lookup(fl4, res) == 0 || main.fib_table_lookup(fl4, res) == 0) {
            return 0;
        }
        return -Errno.ENETUNREACH;
    }

    /** inet_addr_type: RTN_LOCAL for our addresses, RTN_BROADCAST for broadcasts (and 0.0.0.0), RTN_MULTICAST, else RTN_UNICAST. */
    public int inet_addr_type(int addr) {
        return inet_dev_addr_type(null, addr);
    }

    /** inet_dev_addr_type: the same, counting a local address only if it is {@code dev}'s. */
    public int inet_dev_addr_type(NetDevice dev, int addr) {
        if (In.ipv4_is_zeronet(addr) || In.ipv4_is_lbcast(addr)) {
            return RTN_BROADCAST;
        }
        if (In.ipv4_is_multicast(addr)) {
            return RTN_MULTICAST;
        }
        Flowi4 fl4 = new Flowi4();
        fl4.daddr = addr;
        FibResult res = new FibResult();
        if (local.fib_table_lookup(fl4, res) == 0 && (dev == null || dev == res.dev())) {
            return res.type;
        }
        return RTN_UNICAST;
    }

    // ---------------------------------------------------------------- routes of addresses

    /** fib_magic: a kernel route for {@code ifa}: unicast in main, local and broadcast in local. */
    private void fib_magic(boolean add, int type, int dst, int dstLen, InIfaddr ifa) {
        FibTable tb = type == RTN_UNICAST ? main : local;
        FibInfo fi = new FibInfo();
        fi.fib_protocol = RTPROT_KERNEL;
        fi.fib_scope = type != RTN_LOCAL ? RT_SCOPE_LINK : RT_SCOPE_HOST;
        fi.fib_prefsrc = ifa.ifa_local;
        fi.fib_nh_dev = ifa.ifa_dev.dev;
        fi.fib_nh_oif = ifa.ifa_dev.dev.ifindex;
        fi.fib_nh_scope = RT_SCOPE_HOST;
        if (add) {
            tb.fib_table_insert(new FibAlias(dst, dstLen, type, 0, fi));
        } else {
            tb.fib_table_delete(dst, dstLen, type, fi);
        }
    }

    /**
     * fib_add_ifaddr: the address as a local /32; and once the device is up, an explicit
     * broadcast, the connected subnet (local on lo) and the subnet's broadcast address.
     */
    public void fib_add_ifaddr(InIfaddr ifa) {
        NetDevice dev = ifa.ifa_dev.dev;
        int mask = ifa.ifa_mask;
        int addr = ifa.ifa_local;
        int prefix = ifa.ifa_address & mask;
        fib_magic(true, RTN_LOCAL, addr, 32, ifa);
        if ((dev.flags & NetDevice.IFF_UP) == 0) {
            return;
        }
        if (ifa.ifa_broadcast != 0 && ifa.ifa_broadcast != 0xffffffff) {
            fib_magic(true, RTN_BROADCAST, ifa.ifa_broadcast, 32, ifa);
        }
        if (!In.ipv4_is_zeronet(prefix) && (prefix != addr || ifa.ifa_prefixlen < 32)) {
            fib_magic(true, (dev.flags & NetDevice.IFF_LOOPBACK) != 0 ? RTN_LOCAL : RTN_UNICAST, prefix,
                    ifa.ifa_prefixlen, ifa);
            if (ifa.ifa_prefixlen < 31) {
                fib_magic(true, RTN_BROADCAST, prefix | ~mask, 32, ifa);
            }
        }
    }

    /** fib_del_ifaddr: the routes fib_add_ifaddr made for {@code ifa} go. */
    public void fib_del_ifaddr(InIfaddr ifa) {
        NetDevice dev = ifa.ifa_dev.dev;
        int mask = ifa.ifa_mask;
        int prefix = ifa.ifa_address & mask;
        if (!In.ipv4_is_zeronet(prefix) && (prefix != ifa.ifa_local || ifa.ifa_prefixlen < 32)) {
            fib_magic(false, (dev.flags & NetDevice.IFF_LOOPBACK) != 0 ? RTN_LOCAL : RTN_UNICAST, prefix,
                    ifa.ifa_prefixlen, ifa);
            if (ifa.ifa_prefixlen < 31) {
                fib_magic(false, RTN_BROADCAST, prefix | ~mask, 32, ifa);
            }
        }
        if (ifa.ifa_broadcast != 0 && ifa.ifa_broadcast != 0xffffffff) {
            fib_magic(false, RTN_BROADCAST, ifa.ifa_broadcast, 32, ifa);
        }
        fib_magic(false, RTN_LOCAL, ifa.ifa_local, 32, ifa);
        rt_cache_flush();
    }

    /** fib_inetaddr_event: the inetaddr chain (an address added or removed). */
    void fib_inetaddr_event(int event, InIfaddr ifa) {
        if (event == NetdevNotifier.NETDEV_UP) {
            fib_add_ifaddr(ifa);
        } else if (event == NetdevNotifier.NETDEV_DOWN) {
            fib_del_ifaddr(ifa);
        }
        rt_cache_flush();
    }

    /** fib_netdev_event: a device up brings its addresses' routes; down (or going away) flushes its routes. */
    int fib_netdev_event(int event, NetDevice dev) {
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        switch (event) {
            case NetdevNotifier.NETDEV_UP -> {
                if (in_dev != null) {
                    for (InIfaddr ifa : in_dev.ifa_list) {
                        fib_add_ifaddr(ifa);
                    }
                }
                rt_cache_flush();
            }
            case NetdevNotifier.NETDEV_DOWN, NetdevNotifier.NETDEV_UNREGISTER -> fib_disable_ip(dev);
            case NetdevNotifier.NETDEV_CHANGEMTU, NetdevNotifier.NETDEV_CHANGE -> rt_cache_flush();
            default -> { }
        }
        return NetdevNotifier.NOTIFY_DONE;
    }

    /** fib_disable_ip: every route through {@code dev} goes (fib_sync_down_dev, fib_flush), and ARP forgets it. */
    void fib_disable_ip(NetDevice dev) {
        local.fib_table_flush(dev);
        main.fib_table_flush(dev);
        rt_cache_flush();
        ipv4.arp().arp_ifdown(dev);
    }

    /** rt_cache_flush: cached routes are dropped (rt_genid_bump: they are made again on next use). */
    void rt_cache_flush() {
        ipv4.route().rt_genid_bump();
        for (FibTable t : new FibTable[] {local, main}) {
            for (FibAlias fa : t.aliases()) {
                fa.fi().nh_rth_output = null;
                fa.fi().nh_rth_input = null;
            }
        }
    }

    // ---------------------------------------------------------------- the route ioctls

    /** ip_rt_ioctl: SIOCADDRT and SIOCDELRT, with CAP_NET_ADMIN. */
    public int ip_rt_ioctl(int cmd, Rtentry rt) {
        var t = kernel.sched().current();
        if (t != null && t.cred != null && t.cred.euid() != 0) {
            return -Errno.EPERM;
        }
        FibConfig cfg = new FibConfig();
        int err = rtentry_to_fib_config(cmd, rt, cfg);
        if (err != 0) {
            return err;
        }
        FibTable tb = fib_get_table(cfg.fc_table);
        if (cmd == AfInet.SIOCDELRT) {
            FibInfo want = new FibInfo();
            want.fib_nh_gw4 = cfg.fc_gw4;
            want.fib_nh_oif = cfg.fc_oif;
            want.fib_priority = cfg.fc_priority;
            return tb.fib_table_delete(cfg.fc_dst, cfg.fc_dst_len, RTN_UNSPEC, want);
        }
        FibInfo fi = new FibInfo();
        err = fib_create_info(cfg, fi);
        if (err != 0) {
            return err;
        }
        err = tb.fib_table_insert(new FibAlias(cfg.fc_dst, cfg.fc_dst_len, cfg.fc_type, 0, fi));
        if (err == 0) {
            rt_cache_flush();
        }
        return err;
    }

    /** struct fib_config: a route as a request describes it. */
    static final class FibConfig {
        int fc_dst;
        int fc_dst_len;
        int fc_gw4;
        int fc_oif;
        int fc_priority;
        int fc_protocol;
        int fc_scope;
        int fc_type;
        int fc_table;
        int fc_prefsrc;
    }

    /**
     * rtentry_to_fib_config: EAFNOSUPPORT for a destination that is not AF_INET, EINVAL for a
     * mask that is no prefix of the destination or RTF_GATEWAY without one, ENODEV for an
     * unknown device; a gateway that is a unicast address makes the route universe-scoped.
     */
    int rtentry_to_fib_config(int cmd, Rtentry rt, FibConfig cfg) {
        if (rt.sa_family(Rtentry.RT_DST) != SocketDefs.AF_INET) {
            return -Errno.EAFNOSUPPORT;
        }
        int plen = 32;
        int addr = rt.sin_addr(Rtentry.RT_DST);
        if ((rt.rt_flags() & RTF_HOST) == 0) {
            int mask = rt.sin_addr(Rtentry.RT_GENMASK);
            if (rt.sa_family(Rtentry.RT_GENMASK) != SocketDefs.AF_INET) {
                if (mask != 0 || rt.sa_family(Rtentry.RT_GENMASK) != 0) {
                    return -Errno.EAFNOSUPPORT;
                }
            }
            if (In.bad_mask(mask, addr)) {
                return -Errno.EINVAL;
            }
            plen = In.inet_mask_len(mask);
        }
        cfg.fc_dst_len = plen;
        cfg.fc_dst = addr;
        if (cmd != AfInet.SIOCDELRT) {
            cfg.fc_protocol = RTPROT_BOOT;
        }
        if (rt.rt_metric() != 0) {
            cfg.fc_priority = rt.rt_metric() - 1;
        }
        if ((rt.rt_flags() & RTF_REJECT) != 0) {
            cfg.fc_scope = RT_SCOPE_HOST;
            cfg.fc_type = RTN_UNREACHABLE;
            cfg.fc_table = RT_TABLE_MAIN;
            return 0;
        }
        cfg.fc_scope = RT_SCOPE_NOWHERE;
        cfg.fc_type = RTN_UNICAST;
        String devname = rt.rt_dev();
        if (devname != null) {
            NetDevice dev = net.dev().__dev_get_by_name(devname);
            if (dev == null) {
                return -Errno.ENODEV;
            }
            cfg.fc_oif = dev.ifindex;
        }
        int gw = rt.sin_addr(Rtentry.RT_GATEWAY);
        boolean hasGw = rt.sa_family(Rtentry.RT_GATEWAY) == SocketDefs.AF_INET && gw != 0;
        if (hasGw) {
            cfg.fc_gw4 = gw;
            if ((rt.rt_flags() & RTF_GATEWAY) != 0 && inet_addr_type(gw) == RTN_UNICAST) {
                cfg.fc_scope = RT_SCOPE_UNIVERSE;
            }
        }
        cfg.fc_table = RT_TABLE_MAIN;
        if (cmd == AfInet.SIOCDELRT) {
            return 0;
        }
        if ((rt.rt_flags() & RTF_GATEWAY) != 0 && !hasGw) {
            return -Errno.EINVAL;
        }
        if (cfg.fc_scope == RT_SCOPE_NOWHERE) {
            cfg.fc_scope = RT_SCOPE_LINK;
        }
        return 0;
    }

    /**
     * fib_create_info with fib_check_nh: a gateway must be on a connected subnet (ENETUNREACH),
     * whose device the route takes unless one was named (then it must be that one); a route
     * without a gateway needs a device (ENODEV) that is up (ENETDOWN).
     */
    int fib_create_info(FibConfig cfg, FibInfo fi) {
        fi.fib_protocol = cfg.fc_protocol;
        fi.fib_scope = cfg.fc_scope;
        fi.fib_priority = cfg.fc_priority;
        fi.fib_prefsrc = cfg.fc_prefsrc;
        fi.fib_nh_gw4 = cfg.fc_gw4;
        if (cfg.fc_type == RTN_UNREACHABLE) {
            return 0;
        }
        if (cfg.fc_gw4 != 0) {
            Flowi4 fl4 = new Flowi4();
            fl4.daddr = cfg.fc_gw4;
            fl4.flowi4_scope = cfg.fc_scope + 1;
            fl4.flowi4_oif = cfg.fc_oif;
            FibResult res = new FibResult();
            if (fib_lookup(fl4, res) != 0) {
                return -Errno.ENETUNREACH;
            }
            if (res.type != RTN_UNICAST && res.type != RTN_LOCAL) {
                return -Errno.EINVAL;
            }
            fi.fib_nh_dev = res.dev();
            fi.fib_nh_scope = res.scope;
        } else {
            NetDevice dev = cfg.fc_oif != 0 ? net.dev().__dev_get_by_index(cfg.fc_oif) : null;
            if (dev == null) {
                return -Errno.ENODEV;
            }
            if ((dev.flags & NetDevice.IFF_UP) == 0) {
                return -Errno.ENETDOWN;
            }
            fi.fib_nh_dev = dev;
            fi.fib_nh_scope = RT_SCOPE_HOST;
        }
        fi.fib_nh_oif = fi.fib_nh_dev.ifindex;
        if ((fi.fib_nh_dev.flags & NetDevice.IFF_UP) == 0) {
            return -Errno.ENETDOWN;
        }
        return 0;
    }
}
