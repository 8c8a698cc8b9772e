package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.AfInet.*;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.DevIoctl;
import org.jstap.sim.net.core.Ifreq;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetdevNotifier;

/**
 * net/ipv4/devinet.c: IPv4 addresses on devices. Each device gets an {@link InDevice} when it
 * registers; {@code lo} gets 127.0.0.1/8 (scope host) the moment it comes up
 * ({@link #inetdev_event} on NETDEV_UP, as in Linux, so bringing lo up is all user space does).
 * Adding or removing an address tells the FIB (the inetaddr chain: {@code fib_inetaddr_event}),
 * which makes its routes. {@link #devinet_ioctl} is the ifconfig interface: SIOC[GS]IFADDR,
 * NETMASK, BRDADDR, DSTADDR (an address set alone gets its classful mask and broadcast) and
 * SIOCSIFFLAGS. {@link #inet_select_addr} chooses the source address for a destination.
 *
 * <pre>{@code
 * ioctl(fd, SIOCSIFADDR, {"eth0", {AF_INET, 0, 10.0.0.1}})   -> devinet_ioctl -> inet_set_ifa -> fib_add_ifaddr
 * int saddr = ipv4.devinet().inet_select_addr(dev, daddr, RT_SCOPE_LINK);
 * }</pre>
 */
@LinuxFile("net/ipv4/devinet.c")
public final class Devinet {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    Devinet(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** devinet_init: the device notifier (register_netdevice_notifier replays the devices already there). */
    void devinet_init() {
        net.dev().register_netdevice_notifier(this::inetdev_event);
    }

    /** inetdev_init: a device's in_device, with ARP's parameters. */
    InDevice inetdev_init(NetDevice dev) {
        InDevice in_dev = new InDevice(dev, net.neigh().neigh_parms_alloc(dev, ipv4.arp().arp_tbl));
        dev.ip_ptr = in_dev;
        return in_dev;
    }

    /** inetdev_destroy: the device goes; its addresses with it. */
    void inetdev_destroy(InDevice in_dev) {
        in_dev.dead = true;
        while (!in_dev.ifa_list.isEmpty()) {
            inet_del_ifa(in_dev, in_dev.ifa_list.get(0), false);
        }
        in_dev.dev.ip_ptr = null;
    }

    /** inetdev_event: REGISTER makes the in_device, UP gives lo its 127.0.0.1/8, UNREGISTER ends it. */
    int inetdev_event(int event, NetDevice dev) {
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        if (in_dev == null) {
            if (event == NetdevNotifier.NETDEV_REGISTER) {
                inetdev_init(dev);
            }
            return NetdevNotifier.NOTIFY_DONE;
        }
        switch (event) {
            case NetdevNotifier.NETDEV_UP -> {
                if ((dev.flags & NetDevice.IFF_LOOPBACK) != 0) {
                    InIfaddr ifa = new InIfaddr();
                    ifa.ifa_local = ifa.ifa_address = In.INADDR_LOOPBACK;
                    ifa.ifa_prefixlen = 8;
                    ifa.ifa_mask = In.inet_make_mask(8);
                    ifa.ifa_dev = in_dev;
                    ifa.ifa_scope = Fib.RT_SCOPE_HOST;
                    ifa.ifa_label = dev.name;
                    ifa.ifa_flags = InIfaddr.IFA_F_PERMANENT;
                    inet_insert_ifa(ifa);
                }
            }
            case NetdevNotifier.NETDEV_UNREGISTER -> inetdev_destroy(in_dev);
            case NetdevNotifier.NETDEV_CHANGENAME -> {
                for (InIfaddr ifa : in_dev.ifa_list) {
                    int colon = ifa.ifa_label.indexOf(':');
                    ifa.ifa_label = colon < 0 ? dev.name : dev.name + ifa.ifa_label.substring(colon);
                }
            }
            default -> { }
        }
        return NetdevNotifier.NOTIFY_DONE;
    }

    /**
     * __inet_insert_ifa: EEXIST for an address the device has; another address of a subnet it
     * has already is secondary. The FIB hears of it (NETDEV_UP on the inetaddr chain).
     */
    int inet_insert_ifa(InIfaddr ifa) {
        InDevice in_dev = ifa.ifa_dev;
        ifa.ifa_flags &= ~InIfaddr.IFA_F_SECONDARY;
        if (ifa.ifa_local == 0) {
            return 0;
        }
        for (InIfaddr ifa1 : in_dev.ifa_list) {
            if (ifa1.ifa_mask == ifa.ifa_mask && ifa1.inet_ifa_match(ifa.ifa_address)) {
                if (ifa1.ifa_local == ifa.ifa_local) {
                    return -Errno.EEXIST;
                }
                if (ifa1.ifa_scope != ifa.ifa_scope) {
                    return -Errno.EINVAL;
                }
                ifa.ifa_flags |= InIfaddr.IFA_F_SECONDARY;
            }
        }
        in_dev.ifa_list.add(ifa);
        ipv4.fib().fib_inetaddr_event(NetdevNotifier.NETDEV_UP, ifa);
        return 0;
    }

    /** inet_del_ifa: the address goes (and the FIB's routes for it); a primary takes its secondaries along unless {@code promote}. */
    void inet_del_ifa(InDevice in_dev, InIfaddr ifa, boolean destroy) {
        in_dev.ifa_list.remove(ifa);
        if ((ifa.ifa_flags & InIfaddr.IFA_F_SECONDARY) == 0) {
            for (InIfaddr sec : java.util.List.copyOf(in_dev.ifa_list)) {
                if ((sec.ifa_flags & InIfaddr.IFA_F_SECONDARY) != 0 && sec.ifa_mask == ifa.ifa_mask
                        && ifa.inet_ifa_match(sec.ifa_address)) {
                    in_dev.ifa_list.remove(sec);
                    ipv4.fib().fib_inetaddr_event(NetdevNotifier.NETDEV_DOWN, sec);
                }
            }
        }
        ipv4.fib().fib_inetaddr_event(NetdevNotifier.NETDEV_DOWN, ifa);
    }

    /** inet_set_ifa: an address for {@code dev} (a loopback one is scope host). */
    int inet_set_ifa(NetDevice dev, InIfaddr ifa) {
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        if (in_dev == null) {
            return -Errno.ENOBUFS;
        }
        ifa.ifa_dev = in_dev;
        if (In.ipv4_is_loopback(ifa.ifa_local)) {
            ifa.ifa_scope = Fib.RT_SCOPE_HOST;
        }
        return inet_insert_ifa(ifa);
    }

    /** inet_abc_len: the classful prefix length of an address (-1 for class D). */
    static int inet_abc_len(int addr) {
        if (In.ipv4_is_zeronet(addr) || In.ipv4_is_lbcast(addr)) {
            return 0;
        }
        if ((addr & 0x80000000) == 0) {
            return 8;
        }
        if ((addr & 0xc0000000) == 0x80000000) {
            return 16;
        }
        if ((addr & 0xe0000000) == 0xc0000000) {
            return 24;
        }
        if ((addr & 0xf0000000) == 0xf0000000) {
            return 32;
        }
        return -1;
    }

    private boolean capable_net_admin() {
        var t = kernel.sched().current();
        return t == null || t.cred == null || t.cred.euid() == 0;
    }

    /**
     * devinet_ioctl: the address ioctls on an AF_INET socket, for {@code ifr}'s device or alias
     * label. Getting needs an address (EADDRNOTAVAIL), setting needs CAP_NET_ADMIN (EPERM) and an
     * AF_INET address (EINVAL); ENODEV for an unknown device.
     */
    public int devinet_ioctl(int cmd, Ifreq ifr) {
        String label = ifr.ifr_name();
        int colon = label.indexOf(':');
        String devName = colon < 0 ? label : label.substring(0, colon);
        int origFamily = ifr.sa_family();
        int origAddr = ifr.sin_addr();
        boolean tryaddrmatch = false;
        switch (cmd) {
            case SIOCGIFADDR, SIOCGIFBRDADDR, SIOCGIFDSTADDR, SIOCGIFNETMASK -> {
                tryaddrmatch = origFamily == SocketDefs.AF_INET;
                ifr.set_sockaddr_in(0);
            }
            case DevIoctl.SIOCSIFFLAGS -> {
                if (!capable_net_admin()) {
                    return -Errno.EPERM;
                }
            }
            case SIOCSIFADDR, SIOCSIFBRDADDR, SIOCSIFDSTADDR, SIOCSIFNETMASK -> {
                if (!capable_net_admin()) {
                    return -Errno.EPERM;
                }
                if (origFamily != SocketDefs.AF_INET) {
                    return -Errno.EINVAL;
                }
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        NetDevice dev = net.dev().__dev_get_by_name(devName);
        if (dev == null) {
            return -Errno.ENODEV;
        }
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        InIfaddr ifa = null;
        if (in_dev != null) {
            if (tryaddrmatch) {
                for (InIfaddr a : in_dev.ifa_list) {
                    if (a.ifa_label.equals(label) && a.ifa_local == origAddr) {
                        ifa = a;
                        break;
                    }
                }
            }
            if (ifa == null) {
                for (InIfaddr a : in_dev.ifa_list) {
                    if (a.ifa_label.equals(label)) {
                        ifa = a;
                        break;
                    }
                }
            }
        }
        if (ifa == null && cmd != SIOCSIFADDR && cmd != DevIoctl.SIOCSIFFLAGS) {
            return -Errno.EADDRNOTAVAIL;
        }
        switch (cmd) {
            case SIOCGIFADDR -> ifr.set_sockaddr_in(ifa.ifa_local);
            case SIOCGIFBRDADDR -> ifr.set_sockaddr_in(ifa.ifa_broadcast);
            case SIOCGIFDSTADDR -> ifr.set_sockaddr_in(ifa.ifa_address);
            case SIOCGIFNETMASK -> ifr.set_sockaddr_in(ifa.ifa_mask);
            case DevIoctl.SIOCSIFFLAGS -> {
                if (colon >= 0) {
                    if (ifa == null) {
                        return -Errno.EADDRNOTAVAIL;
                    }
                    if ((ifr.ifr_flags() & NetDevice.IFF_UP) == 0) {
                        inet_del_ifa(in_dev, ifa, true);
                    }
                    return 0;
                }
                return net.dev().dev_change_flags(dev, ifr.ifr_flags() & 0xffff);
            }
            case SIOCSIFADDR -> {
                int addr = origAddr;
                if (inet_abc_len(addr) < 0) {
                    return -Errno.EINVAL;
                }
                if (ifa == null) {
                    if (in_dev == null) {
                        return -Errno.ENOBUFS;
                    }
                    ifa = new InIfaddr();
                    ifa.ifa_label = colon >= 0 ? label : dev.name;
                } else {
                    if (ifa.ifa_local == addr) {
                        return 0;
                    }
                    inet_del_ifa(in_dev, ifa, false);
                    ifa.ifa_broadcast = 0;
                    ifa.ifa_scope = 0;
                }
                ifa.ifa_address = ifa.ifa_local = addr;
                if ((dev.flags & NetDevice.IFF_POINTOPOINT) == 0) {
                    ifa.ifa_prefixlen = inet_abc_len(addr);
                    ifa.ifa_mask = In.inet_make_mask(ifa.ifa_prefixlen);
                    if ((dev.flags & NetDevice.IFF_BROADCAST) != 0 && ifa.ifa_prefixlen < 31) {
                        ifa.ifa_broadcast = ifa.ifa_address | ~ifa.ifa_mask;
                    }
                } else {
                    ifa.ifa_prefixlen = 32;
                    ifa.ifa_mask = -1;
                }
                ifa.ifa_flags |= InIfaddr.IFA_F_PERMANENT;
                return inet_set_ifa(dev, ifa);
            }
            case SIOCSIFBRDADDR -> {
                if (ifa.ifa_broadcast != origAddr) {
                    inet_del_ifa(in_dev, ifa, false);
                    ifa.ifa_broadcast = origAddr;
                    inet_insert_ifa(ifa);
                }
            }
            case SIOCSIFDSTADDR -> {
                if (ifa.ifa_address != origAddr) {
                    if (inet_abc_len(origAddr) < 0) {
                        return -Errno.EINVAL;
                    }
                    inet_del_ifa(in_dev, ifa, false);
                    ifa.ifa_address = origAddr;
                    inet_insert_ifa(ifa);
                }
            }
            case SIOCSIFNETMASK -> {
                int mask = origAddr;
                if (In.bad_mask(mask, 0)) {
                    return -Errno.EINVAL;
                }
                if (ifa.ifa_mask != mask) {
                    int oldMask = ifa.ifa_mask;
                    inet_del_ifa(in_dev, ifa, false);
                    ifa.ifa_mask = mask;
                    ifa.ifa_prefixlen = In.inet_mask_len(mask);
                    if ((dev.flags & NetDevice.IFF_BROADCAST) != 0 && ifa.ifa_prefixlen < 31
                            && ifa.ifa_broadcast == (ifa.ifa_local | ~oldMask)) {
                        ifa.ifa_broadcast = ifa.ifa_local | ~mask;
                    }
                    inet_insert_ifa(ifa);
                }
            }
            default -> { }
        }
        return 0;
    }

    // ---------------------------------------------------------------- source addresses

    /**
     * inet_select_addr: a primary address of {@code dev} within {@code scope}, preferring one on
     * {@code dst}'s subnet; without one, any device's address of wide enough scope (lo first).
     * 0 if there is none.
     */
    public int inet_select_addr(NetDevice dev, int dst, int scope) {
        int addr = 0;
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        if (in_dev != null) {
            for (InIfaddr ifa : in_dev.ifa_list) {
                if ((ifa.ifa_flags & InIfaddr.IFA_F_SECONDARY) != 0) {
                    continue;
                }
                if (Math.min(ifa.ifa_scope, Fib.RT_SCOPE_HOST) > scope) {
                    continue;
                }
                if (dst == 0 || ifa.inet_ifa_match(dst)) {
                    return ifa.ifa_local;
                }
                if (addr == 0) {
                    addr = ifa.ifa_local;
                }
            }
        }
        if (addr != 0) {
            return addr;
        }
        for (NetDevice d : net.dev().devices()) {
            InDevice id = InDevice.__in_dev_get_rtnl(d);
            if (id == null) {
                continue;
            }
            for (InIfaddr ifa : id.ifa_list) {
                if ((ifa.ifa_flags & InIfaddr.IFA_F_SECONDARY) == 0 && ifa.ifa_scope != Fib.RT_SCOPE_LINK
                        && ifa.ifa_scope <= scope) {
                    return ifa.ifa_local;
                }
            }
        }
        return 0;
    }

    /** __ip_dev_find: the device that has {@code addr} as one of its addresses, or null. */
    public NetDevice __ip_dev_find(int addr) {
        for (NetDevice d : net.dev().devices()) {
            InDevice id = InDevice.__in_dev_get_rtnl(d);
            if (id == null) {
                continue;
            }
            for (InIfaddr ifa : id.ifa_list) {
                if (ifa.ifa_local == addr) {
                    return d;
                }
            }
        }
        return null;
    }
}
