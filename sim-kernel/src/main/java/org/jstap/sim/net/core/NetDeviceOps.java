package org.jstap.sim.net.core;

import org.jstap.sim.kernel.Errno;

/**
 * struct net_device_ops: what a driver does for the core. Only {@link #ndo_start_xmit} is
 * required; each default is what the core does when Linux finds the pointer NULL.
 *
 * <pre>{@code
 * dev.netdev_ops = new NetDeviceOps() {
 *     public int ndo_open(NetDevice dev) { napi_enable(...); netif_start_queue(dev); return 0; }
 *     public int ndo_start_xmit(SkBuff skb, NetDevice dev) { ...; return NETDEV_TX_OK; }
 * };
 * }</pre>
 */
public interface NetDeviceOps {
    /** ndo_init: at register_netdevice, before the device is listed; 0 or -errno. */
    default int ndo_init(NetDevice dev) {
        return 0;
    }

    /** ndo_uninit: at unregister, after the device is unlisted. */
    default void ndo_uninit(NetDevice dev) {}

    /** ndo_open: the device goes up (dev_open); 0 or -errno, which leaves it down. */
    default int ndo_open(NetDevice dev) {
        return 0;
    }

    /** ndo_stop: the device goes down (dev_close). */
    default int ndo_stop(NetDevice dev) {
        return 0;
    }

    /**
     * ndo_start_xmit: send {@code skb}, which the driver now owns: NETDEV_TX_OK (taken; the
     * driver frees it when the hardware is done), or NETDEV_TX_BUSY (not taken: no room, the
     * queue should have been stopped; the core requeues it).
     */
    int ndo_start_xmit(SkBuff skb, NetDevice dev);

    /** ndo_get_stats64: the counters; without one the core reports {@code dev->stats}. */
    default void ndo_get_stats64(NetDevice dev, RtnlLinkStats64 stats) {
        dev.stats.copy_to(stats);
    }

    /** ndo_change_mtu: the new MTU is in range; without one the core just sets it. */
    default int ndo_change_mtu(NetDevice dev, int new_mtu) {
        dev.mtu = new_mtu;
        return 0;
    }

    /** ndo_set_mac_address: {@code sa_data} is the new address; without one, -EOPNOTSUPP. */
    default int ndo_set_mac_address(NetDevice dev, byte[] sa_data) {
        return -Errno.EOPNOTSUPP;
    }

    /** ndo_validate_addr: checked at dev_open (eth_validate_addr for Ethernet). */
    default int ndo_validate_addr(NetDevice dev) {
        return 0;
    }

    /** ndo_set_rx_mode: the device's address filters changed (or it came up). */
    default void ndo_set_rx_mode(NetDevice dev) {}
}
