package org.jstap.sim.drivers.net;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetDeviceOps;
import org.jstap.sim.net.core.RtnlLinkStats64;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * drivers/net/loopback.c: {@code lo}. Transmitting a packet is receiving it: {@code
 * loopback_xmit} orphans it from its sending socket, classifies it with {@code eth_type_trans}
 * and hands it to {@code __netif_rx}, so it comes back up through this CPU's backlog on NET_RX,
 * which runs as soon as {@code dev_queue_xmit} turns bottom halves back on. Only packets the
 * backlog took are counted, once, as both sent and received. lo has no queue (IFF_NO_QUEUE), a
 * 64 KiB MTU and an all-zero address, and is registered first of all devices (ifindex 1) by
 * {@code net_dev_init}; it comes up with {@code dev_open} (user space: {@code ip link set lo
 * up}), and its 127.0.0.1 is the IPv4 layer's to add on NETDEV_UP.
 */
@LinuxFile("drivers/net/loopback.c")
public final class Loopback {
    /** Virtual cost of looping one packet back (header parsing, the stats). */
    static final long LOOPBACK_XMIT_NS = 80;

    /** struct pcpu_lstats: packets and bytes looped back, per CPU (dev->lstats). */
    static final class PcpuLstats {
        final long[] packets;
        final long[] bytes;

        PcpuLstats(int cpus) {
            packets = new long[cpus];
            bytes = new long[cpus];
        }
    }

    private final Kernel kernel;

    /** loopback_ops. */
    private final NetDeviceOps loopback_ops = new NetDeviceOps() {
        @Override
        public void ndo_uninit(NetDevice dev) {
            loopback_dev_free(dev);
        }

        @Override
        public int ndo_start_xmit(SkBuff skb, NetDevice dev) {
            return loopback_xmit(skb, dev);
        }

        @Override
        public void ndo_get_stats64(NetDevice dev, RtnlLinkStats64 stats) {
            loopback_get_stats64(dev, stats);
        }

        @Override
        public int ndo_set_mac_address(NetDevice dev, byte[] sa_data) {
            return kernel.net().eth().eth_mac_addr(dev, sa_data);
        }
    };

    public Loopback(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * loopback_net_init: lo is made and registered, and must be ifindex 1. Failing to is fatal,
     * as in Linux (a namespace cannot be without its loopback).
     */
    public int loopback_net_init() {
        NetDevice dev = kernel.net().dev().alloc_netdev(new PcpuLstats(kernel.config().cpus()), "lo",
                NetDevice.NET_NAME_PREDICTABLE, this::loopback_setup);
        int err = dev == null ? -org.jstap.sim.kernel.Errno.ENOMEM : kernel.net().dev().register_netdev(dev);
        if (err != 0) {
            if (dev != null) {
                kernel.net().dev().free_netdev(dev);
            }
            throw new IllegalStateException("Kernel panic - not syncing: loopback: Failed to register netdevice: "
                    + err);
        }
        if (dev.ifindex != NetDevice.LOOPBACK_IFINDEX) {
            throw new IllegalStateException("kernel BUG at drivers/net/loopback.c: lo has ifindex " + dev.ifindex);
        }
        kernel.net().loopback_dev = dev;
        return 0;
    }

    /** loopback_setup (gen_lo_setup): a 64 KiB MTU loopback with Ethernet headers and no queue. */
    void loopback_setup(NetDevice dev) {
        dev.mtu = 64 * 1024;
        dev.hard_header_len = IfEther.ETH_HLEN;
        dev.min_header_len = IfEther.ETH_HLEN;
        dev.addr_len = IfEther.ETH_ALEN;
        dev.type = NetDevice.ARPHRD_LOOPBACK;
        dev.flags = NetDevice.IFF_LOOPBACK;
        dev.priv_flags |= NetDevice.IFF_LIVE_ADDR_CHANGE | NetDevice.IFF_NO_QUEUE;
        dev.header_ops = kernel.net().eth().eth_header_ops;
        dev.netdev_ops = loopback_ops;
        dev.needs_free_netdev = true;
    }

    /** loopback_dev_free: lo going away (only ever at power-off in Linux) leaves the namespace. */
    void loopback_dev_free(NetDevice dev) {
        if (kernel.net().loopback_dev == dev) {
            kernel.net().loopback_dev = null;
        }
    }

    /** loopback_xmit: the packet is received again, on this CPU; counted if the backlog took it. */
    int loopback_xmit(SkBuff skb, NetDevice dev) {
        kernel.sched().charge(LOOPBACK_XMIT_NS);
        // do not fool net_timestamp_check() with the sender's clock
        skb.tstamp = 0;
        SkBuff.skb_orphan(skb);
        skb.protocol = kernel.net().eth().eth_type_trans(skb, dev);
        int len = skb.len;
        if (kernel.net().rx().__netif_rx(skb) == NetDevice.NET_RX_SUCCESS) {
            dev_lstats_add(dev, len);
        }
        return NetDevice.NETDEV_TX_OK;
    }

    private void dev_lstats_add(NetDevice dev, int len) {
        PcpuLstats lstats = NetDevice.netdev_priv(dev);
        int cpu = kernel.smp_processor_id();
        lstats.packets[cpu]++;
        lstats.bytes[cpu] += len;
    }

    /** loopback_get_stats64: what went out came in: the same packets and bytes both ways. */
    void loopback_get_stats64(NetDevice dev, RtnlLinkStats64 stats) {
        PcpuLstats lstats = NetDevice.netdev_priv(dev);
        long packets = 0;
        long bytes = 0;
        for (int cpu = 0; cpu < lstats.packets.length; cpu++) {
            packets += lstats.packets[cpu];
            bytes += lstats.bytes[cpu];
        }
        stats.rx_packets = packets;
        stats.tx_packets = packets;
        stats.rx_bytes = bytes;
        stats.tx_bytes = bytes;
    }
}
