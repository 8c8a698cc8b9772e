package org.jstap.sim.net.ipv4;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.net.core.NeighParms;
import org.jstap.sim.net.core.NetDevice;

/**
 * struct in_device (include/linux/inetdevice.h): IPv4's state for one device, hung on
 * {@code dev->ip_ptr} when the device registers: its addresses (primary ones first, in the order
 * they were added) and its ARP parameters.
 *
 * <pre>{@code
 * InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
 * for (InIfaddr ifa : in_dev.ifa_list) ...
 * }</pre>
 */
public final class InDevice {
    public final NetDevice dev;
    /** ifa_list: the addresses. */
    public final List<InIfaddr> ifa_list = new ArrayList<>();
    /** arp_parms: the device's neighbour parameters (reachable time, probes, queue length). */
    public final NeighParms arp_parms;
    public boolean dead;

    InDevice(NetDevice dev, NeighParms parms) {
        this.dev = dev;
        this.arp_parms = parms;
    }

    /** __in_dev_get_rtnl / __in_dev_get_rcu: the device's in_device, or null. */
    public static InDevice __in_dev_get_rtnl(NetDevice dev) {
        return dev == null ? null : (InDevice) dev.ip_ptr;
    }

    /** The first primary address (what SIOCGIFADDR without a label match and ifconfig show), or null. */
    public InIfaddr primary() {
        for (InIfaddr ifa : ifa_list) {
            if ((ifa.ifa_flags & InIfaddr.IFA_F_SECONDARY) == 0) {
                return ifa;
            }
        }
        return null;
    }
}
