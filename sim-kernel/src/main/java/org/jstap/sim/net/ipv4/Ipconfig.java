package org.jstap.sim.net.ipv4;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.core.DevIoctl;
import org.jstap.sim.net.core.Ifreq;
import org.jstap.sim.net.core.NetDevice;

/**
 * net/ipv4/ipconfig.c, kernel-level IP configuration from the command line, static form only:
 * {@code ip=<client-ip>:<server-ip>:<gw-ip>:<netmask>:<hostname>:<device>:<autoconf>} (empty
 * fields skipped, autoconf {@code off} or {@code none}). {@code ip_auto_config}, a late
 * initcall, gives the device the address and mask and brings it up, with a default route through
 * the gateway when there is one, and reports it as Linux does ("IP-Config: Complete:"). Hosts of
 * a {@code --hosts} run come up this way, each with its own address.
 *
 * <pre>{@code
 * KernelConfig.defaults().withNic(0).withAppend("ip=10.0.0.1::::host0:eth0:off")
 * }</pre>
 */
@LinuxFile("net/ipv4/ipconfig.c")
public final class Ipconfig {
    private final Kernel kernel;
    private final NetnsIpv4 ipv4;
    /** What ip= gave: the client address (0: no ip= parameter), mask, gateway and device. */
    private int ic_myaddr;
    private int ic_netmask;
    private int ic_gateway;
    private String user_dev_name = "";

    Ipconfig(Kernel kernel, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
    }

    /** ip_auto_config_setup: the ip= parameter's fields; other forms (dhcp, bootp) are refused with a warning. */
    public void ip_auto_config_setup(String addrs) {
        String[] f = addrs.split(":", -1);
        if (f.length < 1 || f[0].isEmpty() || !f[0].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            kernel.printk().pr_warn("IP-Config: only static configuration is supported: ip=" + addrs);
            return;
        }
        ic_myaddr = In.in_aton(f[0]);
        ic_gateway = f.length > 2 && !f[2].isEmpty() ? In.in_aton(f[2]) : 0;
        ic_netmask = f.length > 3 && !f[3].isEmpty() ? In.in_aton(f[3]) : 0;
        user_dev_name = f.length > 5 ? f[5] : "";
    }

    /** ip_auto_config: configures the device when ip= named an address; 0, or -errno. */
    public int ip_auto_config() {
        if (ic_myaddr == 0) {
            return 0;
        }
        NetDevice dev = user_dev_name.isEmpty() ? firstNonLoopback()
                : kernel.net().dev().__dev_get_by_name(user_dev_name);
        if (dev == null) {
            kernel.printk().pr_err("IP-Config: Device `" + user_dev_name + "' not found");
            return -org.jstap.sim.kernel.Errno.ENODEV;
        }
        if (ic_netmask == 0) {
            ic_netmask = classful_mask(ic_myaddr);
        }
        int err = ioctl(AfInet.SIOCSIFADDR, dev.name, ic_myaddr);
        if (err == 0) {
            err = ioctl(AfInet.SIOCSIFNETMASK, dev.name, ic_netmask);
        }
        if (err == 0) {
            Ifreq up = Ifreq.named(dev.name);
            up.set_flags(dev.flags | NetDevice.IFF_UP);
            err = ipv4.devinet().devinet_ioctl(DevIoctl.SIOCSIFFLAGS, up);
        }
        if (err == 0 && ic_gateway != 0) {
            err = ipv4.fib().ip_rt_ioctl(AfInet.SIOCADDRT, default_route(ic_gateway));
        }
        if (err != 0) {
            kernel.printk().pr_err("IP-Config: Unable to set up " + dev.name + " (" + err + ")");
            return err;
        }
        kernel.printk().pr_info("IP-Config: Complete:");
        kernel.printk().pr_info("     device=" + dev.name + ", hwaddr=" + org.jstap.sim.net.ethernet.Eth.formatMac(dev.dev_addr, dev.addr_len)
                + ", ipaddr=" + In.pI4(ic_myaddr) + ", mask=" + In.pI4(ic_netmask) + ", gw="
                + (ic_gateway == 0 ? "255.255.255.255" : In.pI4(ic_gateway)));
        return 0;
    }

    /** The netmask of the address's class, as ic_defaults picks one when ip= gave none. */
    static int classful_mask(int addr) {
        int first = addr >>> 24;
        return first < 128 ? 0xff000000 : first < 192 ? 0xffff0000 : 0xffffff00;
    }

    /** The SIOCADDRT request for "default via gw": 0.0.0.0/0, RTF_UP | RTF_GATEWAY. */
    private Rtentry default_route(int gw) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Rtentry.SIZEOF).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int off : new int[] {Rtentry.RT_DST, Rtentry.RT_GATEWAY, Rtentry.RT_GENMASK}) {
            b.putShort(off, (short) org.jstap.sim.net.SocketDefs.AF_INET);
        }
        b.putInt(Rtentry.RT_GATEWAY + 4, Integer.reverseBytes(gw));
        b.putShort(56, (short) 0x3);
        return new Rtentry(kernel, b.array());
    }

    private int ioctl(int cmd, String dev, int addr) {
        Ifreq ifr = Ifreq.named(dev);
        ifr.set_sockaddr_in(addr);
        return ipv4.devinet().devinet_ioctl(cmd, ifr);
    }

    private NetDevice firstNonLoopback() {
        for (NetDevice d : kernel.net().dev().devices()) {
            if ((d.flags & NetDevice.IFF_LOOPBACK) == 0) {
                return d;
            }
        }
        return null;
    }
}
