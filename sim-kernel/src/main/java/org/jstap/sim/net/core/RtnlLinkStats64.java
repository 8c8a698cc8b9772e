package org.jstap.sim.net.core;

/**
 * struct rtnl_link_stats64: what {@code dev_get_stats} returns: the driver's counters (from
 * {@code ndo_get_stats64}, or {@code dev->stats}) plus the drops the core counted itself.
 */
public final class RtnlLinkStats64 extends NetDeviceStats {
    /** rx_nohandler: packets received on an inactive device or with no protocol for them. */
    public long rx_nohandler;
}
