package org.jstap.sim.net.core;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * net/core/dev_ioctl.c: the SIOC*IF* ioctls on a socket that are about a device rather than a
 * protocol: its index and name, flags, MTU, hardware address, queue length. The socket layer's
 * {@code sock_ioctl} copies the struct ifreq in, calls {@link #dev_ioctl}, and copies it back out
 * when {@code need_copyout[0]} says so. Changes need CAP_NET_ADMIN (here: euid 0). Addresses
 * (SIOCGIFADDR and friends) are the protocol's (devinet_ioctl), not handled here.
 */
@LinuxFile("net/core/dev_ioctl.c")
public final class DevIoctl {
    /** include/uapi/linux/sockios.h. */
    public static final int SIOCGIFNAME = 0x8910;
    public static final int SIOCSIFLINK = 0x8911;
    public static final int SIOCGIFFLAGS = 0x8913;
    public static final int SIOCSIFFLAGS = 0x8914;
    public static final int SIOCGIFMETRIC = 0x891d;
    public static final int SIOCSIFMETRIC = 0x891e;
    public static final int SIOCGIFMEM = 0x891f;
    public static final int SIOCSIFMEM = 0x8920;
    public static final int SIOCGIFMTU = 0x8921;
    public static final int SIOCSIFMTU = 0x8922;
    public static final int SIOCSIFNAME = 0x8923;
    public static final int SIOCSIFHWADDR = 0x8924;
    public static final int SIOCGIFHWADDR = 0x8927;
    public static final int SIOCGIFINDEX = 0x8933;
    public static final int SIOCGIFTXQLEN = 0x8942;
    public static final int SIOCSIFTXQLEN = 0x8943;

    private final Kernel kernel;
    private final Net net;

    DevIoctl(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    /** CAP_NET_ADMIN in the (only) user namespace. */
    private boolean capableNetAdmin() {
        var t = kernel.sched().current();
        return t == null || t.cred.euid() == 0;
    }

    /**
     * dev_ioctl: 0 or -errno; -ENOTTY for a command that is not a device's. {@code ifr} is changed
     * in place; {@code need_copyout[0]} is whether the caller must copy it back to user space.
     */
    public int dev_ioctl(int cmd, Ifreq ifr, boolean[] need_copyout) {
        need_copyout[0] = true;
        if (cmd == SIOCGIFNAME) {
            return dev_ifname(ifr);
        }
        String name = ifr.ifr_name();
        // an alias (eth0:1) is its device here
        int colon = name.indexOf(':');
        String devName = colon < 0 ? name : name.substring(0, colon);
        switch (cmd) {
            case SIOCGIFFLAGS, SIOCGIFMETRIC, SIOCGIFMTU, SIOCGIFINDEX, SIOCGIFTXQLEN -> {
                return dev_ifsioc_locked(devName, ifr, cmd);
            }
            case SIOCGIFHWADDR -> {
                return dev_get_mac_address(ifr, devName);
            }
            case SIOCSIFNAME, SIOCSIFFLAGS, SIOCSIFMETRIC, SIOCSIFMTU, SIOCSIFHWADDR, SIOCSIFTXQLEN -> {
                if (!capableNetAdmin()) {
                    return -Errno.EPERM;
                }
                need_copyout[0] = false;
                return dev_ifsioc(devName, ifr, cmd);
            }
            default -> {
                return -Errno.ENOTTY;
            }
        }
    }

    /** dev_ifname (SIOCGIFNAME): the name of the device with ifr_ifindex. */
    private int dev_ifname(Ifreq ifr) {
        NetDevice dev = net.dev().__dev_get_by_index(ifr.ifr_int());
        if (dev == null) {
            return -Errno.ENODEV;
        }
        ifr.set_name(dev.name);
        return 0;
    }

    /** dev_ifsioc_locked: the questions that change nothing. */
    private int dev_ifsioc_locked(String name, Ifreq ifr, int cmd) {
        NetDevice dev = net.dev().__dev_get_by_name(name);
        if (dev == null) {
            return -Errno.ENODEV;
        }
        switch (cmd) {
            case SIOCGIFFLAGS -> ifr.set_flags((short) NetDevice.dev_get_flags(dev));
            case SIOCGIFMETRIC -> ifr.set_int(0);
            case SIOCGIFMTU -> ifr.set_int(dev.mtu);
            case SIOCGIFINDEX -> ifr.set_int(dev.ifindex);
            default -> ifr.set_int(dev.tx_queue_len);
        }
        return 0;
    }

    /** dev_get_mac_address (SIOCGIFHWADDR): the address, with the device's ARPHRD_* as its family. */
    private int dev_get_mac_address(Ifreq ifr, String name) {
        NetDevice dev = net.dev().__dev_get_by_name(name);
        if (dev == null) {
            return -Errno.ENODEV;
        }
        ifr.set_hwaddr(dev.type, dev.dev_addr, dev.addr_len);
        return 0;
    }

    /** dev_ifsioc: the changes. */
    private int dev_ifsioc(String name, Ifreq ifr, int cmd) {
        NetDevice dev = net.dev().__dev_get_by_name(name);
        if (dev == null) {
            return -Errno.ENODEV;
        }
        return switch (cmd) {
            case SIOCSIFFLAGS -> net.dev().dev_change_flags(dev, ifr.ifr_flags() & 0xffff);
            case SIOCSIFMETRIC -> -Errno.EOPNOTSUPP;
            case SIOCSIFMTU -> net.dev().dev_set_mtu(dev, ifr.ifr_int());
            case SIOCSIFHWADDR -> dev.addr_len > 14 ? -Errno.EINVAL
                    : net.dev().dev_set_mac_address(dev, ifr.sa_family(), ifr.sa_data());
            case SIOCSIFTXQLEN -> ifr.ifr_int() < 0 ? -Errno.EINVAL : net.dev().dev_change_tx_queue_len(dev, ifr.ifr_int());
            default -> net.dev().dev_change_name(dev, ifr.ifr_newname());
        };
    }
}
