package org.jstap.sim.net.core;

/**
 * struct net_device_stats: a device's counters, kept by its driver ({@code dev->stats}); what
 * {@code /proc/net/dev}, {@code ip -s link} and the sysfs statistics report, through
 * {@code dev_get_stats}.
 */
public class NetDeviceStats {
    public long rx_packets;
    public long tx_packets;
    public long rx_bytes;
    public long tx_bytes;
    public long rx_errors;
    public long tx_errors;
    public long rx_dropped;
    public long tx_dropped;
    public long multicast;
    public long collisions;
    public long rx_length_errors;
    public long rx_over_errors;
    public long rx_crc_errors;
    public long rx_frame_errors;
    public long rx_fifo_errors;
    public long rx_missed_errors;
    public long tx_aborted_errors;
    public long tx_carrier_errors;
    public long tx_fifo_errors;
    public long tx_heartbeat_errors;
    public long tx_window_errors;
    public long rx_compressed;
    public long tx_compressed;

    /** netdev_stats_to_stats64: these counters copied into {@code to}. */
    public void copy_to(NetDeviceStats to) {
        to.rx_packets = rx_packets;
        to.tx_packets = tx_packets;
        to.rx_bytes = rx_bytes;
        to.tx_bytes = tx_bytes;
        to.rx_errors = rx_errors;
        to.tx_errors = tx_errors;
        to.rx_dropped = rx_dropped;
        to.tx_dropped = tx_dropped;
        to.multicast = multicast;
        to.collisions = collisions;
        to.rx_length_errors = rx_length_errors;
        to.rx_over_errors = rx_over_errors;
        to.rx_crc_errors = rx_crc_errors;
        to.rx_frame_errors = rx_frame_errors;
        to.rx_fifo_errors = rx_fifo_errors;
        to.rx_missed_errors = rx_missed_errors;
        to.tx_aborted_errors = tx_aborted_errors;
        to.tx_carrier_errors = tx_carrier_errors;
        to.tx_fifo_errors = tx_fifo_errors;
        to.tx_heartbeat_errors = tx_heartbeat_errors;
        to.tx_window_errors = tx_window_errors;
        to.rx_compressed = rx_compressed;
        to.tx_compressed = tx_compressed;
    }
}
