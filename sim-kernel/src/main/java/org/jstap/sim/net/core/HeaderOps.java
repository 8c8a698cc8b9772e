package org.jstap.sim.net.core;

/**
 * struct header_ops: how a device's link-layer header is built ({@code dev_hard_header}, as the
 * neighbour layer does before transmit) and read. Ethernet's are {@code Eth.eth_header_ops}.
 */
public interface HeaderOps {
    /**
     * create: pushes the header for a packet of {@code type} (host order) from {@code saddr} (null:
     * the device's address) to {@code daddr}; the header's length, or its negation when the
     * destination is not known yet.
     */
    int create(SkBuff skb, NetDevice dev, int type, byte[] daddr, byte[] saddr, int len);

    /** parse: copies the sender's hardware address into {@code haddr}; its length. */
    default int parse(SkBuff skb, byte[] haddr) {
        return 0;
    }
}
