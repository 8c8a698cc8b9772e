package org.jstap.sim.net.ipv4;

/**
 * struct in_ifaddr (include/linux/inetdevice.h): one IPv4 address of a device: the local
 * address, the peer (the same on a broadcast link), mask and prefix length, broadcast, scope and
 * label (the device's name, or an alias such as eth0:1). Host order.
 */
public final class InIfaddr {
    /** ifa_flags. */
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_PERMANENT = 0x80;

    public InDevice ifa_dev;
    public int ifa_local;
    public int ifa_address;
    public int ifa_mask;
    public int ifa_broadcast;
    public int ifa_prefixlen;
    public int ifa_scope;
    public int ifa_flags;
    public String ifa_label;

    /** inet_ifa_match: {@code addr} is on this address's subnet. */
    public boolean inet_ifa_match(int addr) {
        return ((addr ^ ifa_address) & ifa_mask) == 0;
    }

    @Override
    public String toString() {
        return In.pI4(ifa_local) + "/" + ifa_prefixlen + " " + ifa_label;
    }
}
