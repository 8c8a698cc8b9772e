package org.jstap.sim.net.ethernet;

import static org.jstap.sim.net.ethernet.IfEther.ETH_ALEN;
import static org.jstap.sim.net.ethernet.IfEther.ETH_HLEN;

import java.util.Arrays;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.net.core.HeaderOps;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;

/**
 * net/ethernet/eth.c (with include/linux/etherdevice.h's helpers): the Ethernet link layer.
 * {@link #eth_header} builds the 14-byte header in front of a packet (the device's
 * {@code header_ops.create}); {@link #eth_type_trans}, called by a driver on each received
 * frame, classifies it (for us, broadcast, multicast, another host), pulls the header and
 * returns the {@code skb->protocol} to set. {@link #ether_setup} and {@link #alloc_etherdev} make
 * an Ethernet device.
 *
 * <pre>{@code
 * skb.protocol = kernel.net().eth().eth_type_trans(skb, netdev);   // in a driver's rx path
 * kernel.net().rx().netif_receive_skb(skb);
 * }</pre>
 */
@LinuxFile("net/ethernet/eth.c")
public final class Eth {
    private final Kernel kernel;

    /** eth_header_ops: the header_ops of every Ethernet device. */
    public final HeaderOps eth_header_ops = new HeaderOps() {
        @Override
        public int create(SkBuff skb, NetDevice dev, int type, byte[] daddr, byte[] saddr, int len) {
            return eth_header(skb, dev, type, daddr, saddr, len);
        }

        @Override
        public int parse(SkBuff skb, byte[] haddr) {
            return eth_header_parse(skb, haddr);
        }
    };

    public Eth(Kernel kernel) {
        this.kernel = kernel;
    }

    // ---------------------------------------------------------------- the header

    /**
     * eth_header: pushes destination, source and type (or, for 802.3/802.2, the length) in front
     * of the packet. The source defaults to the device's address; without a destination the
     * header is incomplete (negative length) unless the device needs none (lo, NOARP): zeros.
     */
    public int eth_header(SkBuff skb, NetDevice dev, int type, byte[] daddr, byte[] saddr, int len) {
        long eth = kernel.net().skb().skb_push(skb, ETH_HLEN);
        skb.set_be16(eth + 2 * ETH_ALEN,
                type != IfEther.ETH_P_802_3 && type != IfEther.ETH_P_802_2 ? type : len);
        skb.store(eth + ETH_ALEN, saddr != null ? saddr : dev.dev_addr, 0, ETH_ALEN);
        if (daddr != null) {
            skb.store(eth, daddr, 0, ETH_ALEN);
            return ETH_HLEN;
        }
        if ((dev.flags & (NetDevice.IFF_LOOPBACK | NetDevice.IFF_NOARP)) != 0) {
            skb.store(eth, new byte[ETH_ALEN], 0, ETH_ALEN);
            return ETH_HLEN;
        }
        return -ETH_HLEN;
    }

    /** eth_header_parse: the frame's source address into {@code haddr}; ETH_ALEN. */
    public int eth_header_parse(SkBuff skb, byte[] haddr) {
        skb.load(SkBuff.skb_mac_header(skb) + ETH_ALEN, haddr, 0, ETH_ALEN);
        return ETH_ALEN;
    }

    /**
     * eth_type_trans: for a frame just received on {@code dev}, with data at its Ethernet
     * header: sets skb->dev and the mac header, pulls the header, sets pkt_type by the
     * destination, and returns the protocol (__be16) for skb->protocol.
     */
    public int eth_type_trans(SkBuff skb, NetDevice dev) {
        skb.dev = dev;
        SkBuff.skb_reset_mac_header(skb);
        long eth = skb.data;
        SkBuff.skb_pull_inline(skb, ETH_HLEN);
        byte[] dest = new byte[ETH_ALEN];
        skb.load(eth, dest, 0, ETH_ALEN);
        if (!ether_addr_equal(dest, dev.dev_addr)) {
            if (is_multicast_ether_addr(dest)) {
                skb.pkt_type = ether_addr_equal(dest, dev.broadcast) ? SkBuff.PACKET_BROADCAST
                        : SkBuff.PACKET_MULTICAST;
            } else {
                skb.pkt_type = SkBuff.PACKET_OTHERHOST;
            }
        }
        int proto = skb.u16(eth + 2 * ETH_ALEN);
        if (Byteorder.ntohs(proto) >= IfEther.ETH_P_802_3_MIN) {
            return proto;
        }
        // Novell's raw 802.3 carries IPX with 0xFFFF where 802.2 has its SAPs
        if (skb.len >= 2 && skb.u16(skb.data) == 0xFFFF) {
            return Byteorder.htons(IfEther.ETH_P_802_3);
        }
        return Byteorder.htons(IfEther.ETH_P_802_2);
    }

    // ---------------------------------------------------------------- devices

    /** eth_skb_pad: a frame shorter than ETH_ZLEN is zero-padded to it; 0, or -ENOMEM with the skb freed. */
    public int eth_skb_pad(SkBuff skb) {
        return kernel.net().skb().skb_put_padto(skb, IfEther.ETH_ZLEN);
    }

    /** ether_setup: what every Ethernet device starts with (the setup of alloc_etherdev). */
    public void ether_setup(NetDevice dev) {
        dev.header_ops = eth_header_ops;
        dev.type = NetDevice.ARPHRD_ETHER;
        dev.hard_header_len = ETH_HLEN;
        dev.min_header_len = ETH_HLEN;
        dev.mtu = IfEther.ETH_DATA_LEN;
        dev.min_mtu = IfEther.ETH_MIN_MTU;
        dev.max_mtu = IfEther.ETH_DATA_LEN;
        dev.addr_len = ETH_ALEN;
        dev.tx_queue_len = NetDevice.DEFAULT_TX_QUEUE_LEN;
        dev.flags = NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST;
        dev.priv_flags |= NetDevice.IFF_TX_SKB_SHARING;
        Arrays.fill(dev.broadcast, 0, ETH_ALEN, (byte) 0xff);
    }

    /** alloc_etherdev: an "eth%d" device with {@code priv} as netdev_priv; null when memory is short. */
    public NetDevice alloc_etherdev(Object priv) {
        return kernel.net().dev().alloc_netdev(priv, "eth%d", NetDevice.NET_NAME_ENUM, this::ether_setup);
    }

    /** eth_hw_addr_set: the device's address becomes {@code addr}. */
    public static void eth_hw_addr_set(NetDevice dev, byte[] addr) {
        System.arraycopy(addr, 0, dev.dev_addr, 0, ETH_ALEN);
    }

    /** eth_hw_addr_random: a random locally administered unicast address (NET_ADDR_RANDOM). */
    public void eth_hw_addr_random(NetDevice dev) {
        byte[] addr = new byte[ETH_ALEN];
        kernel.random().get_random_bytes(addr);
        addr[0] &= (byte) 0xfe;
        addr[0] |= 0x02;
        dev.addr_assign_type = NetDevice.NET_ADDR_RANDOM;
        eth_hw_addr_set(dev, addr);
    }

    /** eth_prepare_mac_addr_change: -EBUSY while running (unless the device allows it), -EADDRNOTAVAIL for a bad address. */
    public int eth_prepare_mac_addr_change(NetDevice dev, byte[] sa_data) {
        if ((dev.priv_flags & NetDevice.IFF_LIVE_ADDR_CHANGE) == 0 && NetDevice.netif_running(dev)) {
            return -Errno.EBUSY;
        }
        if (!is_valid_ether_addr(sa_data)) {
            return -Errno.EADDRNOTAVAIL;
        }
        return 0;
    }

    /** eth_mac_addr: an Ethernet driver's ndo_set_mac_address. */
    public int eth_mac_addr(NetDevice dev, byte[] sa_data) {
        int ret = eth_prepare_mac_addr_change(dev, sa_data);
        if (ret < 0) {
            return ret;
        }
        eth_hw_addr_set(dev, sa_data);
        return 0;
    }

    /** eth_validate_addr: an Ethernet driver's ndo_validate_addr: -EADDRNOTAVAIL unless a valid unicast address. */
    public int eth_validate_addr(NetDevice dev) {
        return is_valid_ether_addr(dev.dev_addr) ? 0 : -Errno.EADDRNOTAVAIL;
    }

    // ---------------------------------------------------------------- addresses (etherdevice.h)

    public static boolean is_zero_ether_addr(byte[] a) {
        for (int i = 0; i < ETH_ALEN; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** is_multicast_ether_addr: the group bit (broadcast included). */
    public static boolean is_multicast_ether_addr(byte[] a) {
        return (a[0] & 0x01) != 0;
    }

    public static boolean is_broadcast_ether_addr(byte[] a) {
        for (int i = 0; i < ETH_ALEN; i++) {
            if (a[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /** is_valid_ether_addr: neither multicast nor all zeros. */
    public static boolean is_valid_ether_addr(byte[] a) {
        return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a);
    }

    public static boolean ether_addr_equal(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, ETH_ALEN, b, 0, ETH_ALEN);
    }

    /** %pM: "52:54:00:12:34:56". */
    public static String formatMac(byte[] a, int len) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(String.format("%02x", a[i] & 0xff));
        }
        return out.toString();
    }
}
