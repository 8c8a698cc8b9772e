package org.jstap.sim.net.core;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.kernel.KernelObject;
import org.jstap.sim.net.sched.Qdisc;

/**
 * struct net_device (include/linux/netdevice.h): a network interface as the core knows it: its
 * name and index, link-layer type, address and MTU, the flags {@code ifconfig} shows, the
 * driver's operations and private state, its transmit queue, NAPI instances, counters, and the
 * protocols' per-device state ({@link #ip_ptr}). Made by {@code alloc_netdev}/{@code
 * alloc_etherdev}, listed by {@code register_netdev}, brought up by {@code dev_open}.
 *
 * <p>The header's constants and inline helpers (IFF_*, {@code netif_running},
 * {@code netif_carrier_ok}, {@code netif_stop_queue}, {@code netdev_priv}...) are here too.
 *
 * <pre>{@code
 * NetDevice lo = kernel.net().dev().dev_get_by_name("lo");
 * if ((dev_get_flags(lo) & IFF_RUNNING) != 0) ...;
 * kernel.net().dev().dev_put(lo);
 * }</pre>
 */
public final class NetDevice implements KernelObject {
    /** IFNAMSIZ: names are shorter than this. */
    public static final int IFNAMSIZ = 16;
    /** MAX_ADDR_LEN: room for a hardware address. */
    public static final int MAX_ADDR_LEN = 32;
    /** DEFAULT_TX_QUEUE_LEN: packets a qdisc may hold for a device (pfifo_fast's limit per band). */
    public static final int DEFAULT_TX_QUEUE_LEN = 1000;
    /** LOOPBACK_IFINDEX: lo is registered first and is always 1. */
    public static final int LOOPBACK_IFINDEX = 1;

    /** Device flags (include/uapi/linux/if.h): what SIOCGIFFLAGS and ifconfig show. */
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_DEBUG = 0x4;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_NOTRAILERS = 0x20;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_ALLMULTI = 0x200;
    public static final int IFF_MASTER = 0x400;
    public static final int IFF_SLAVE = 0x800;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_PORTSEL = 0x2000;
    public static final int IFF_AUTOMEDIA = 0x4000;
    public static final int IFF_DYNAMIC = 0x8000;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IFF_DORMANT = 0x20000;
    public static final int IFF_ECHO = 0x40000;
    /** IFF_VOLATILE: what only the kernel sets. */
    public static final int IFF_VOLATILE = IFF_LOOPBACK | IFF_POINTOPOINT | IFF_BROADCAST | IFF_ECHO | IFF_MASTER
            | IFF_SLAVE | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT;
    /** The flags user space may change with dev_change_flags. */
    static final int IFF_USER_CHANGEABLE = IFF_UP | IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC
            | IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA;

    /** enum netdev_priv_flags: what only the kernel sees. */
    public static final int IFF_XMIT_DST_RELEASE = 1 << 5;
    public static final int IFF_TX_SKB_SHARING = 1 << 11;
    public static final int IFF_LIVE_ADDR_CHANGE = 1 << 15;
    public static final int IFF_XMIT_DST_RELEASE_PERM = 1 << 17;
    /** IFF_NO_QUEUE: a software device that wants no qdisc (noqueue): lo. */
    public static final int IFF_NO_QUEUE = 1 << 19;

    /** dev->type (include/uapi/linux/if_arp.h). */
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_LOOPBACK = 772;
    public static final int ARPHRD_NONE = 0xfffe;

    /** enum netdev_state_t: dev->state bits. */
    public static final int __LINK_STATE_START = 0;
    public static final int __LINK_STATE_PRESENT = 1;
    public static final int __LINK_STATE_NOCARRIER = 2;
    public static final int __LINK_STATE_LINKWATCH_PENDING = 3;
    public static final int __LINK_STATE_DORMANT = 4;
    public static final int __LINK_STATE_TESTING = 5;

    /** RFC 2863 operational states (dev->operstate, /sys/class/net/X/operstate). */
    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_NOTPRESENT = 1;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    public static final int IF_OPER_TESTING = 4;
    public static final int IF_OPER_DORMANT = 5;
    public static final int IF_OPER_UP = 6;
    /** dev->link_mode. */
    public static final int IF_LINK_MODE_DEFAULT = 0;
    public static final int IF_LINK_MODE_DORMANT = 1;
    public static final int IF_LINK_MODE_TESTING = 2;

    /** dev->reg_state. */
    public static final int NETREG_UNINITIALIZED = 0;
    public static final int NETREG_REGISTERED = 1;
    public static final int NETREG_UNREGISTERING = 2;
    public static final int NETREG_UNREGISTERED = 3;
    public static final int NETREG_RELEASED = 4;

    /** dev->addr_assign_type. */
    public static final int NET_ADDR_PERM = 0;
    public static final int NET_ADDR_RANDOM = 1;
    public static final int NET_ADDR_SET = 3;
    /** dev->name_assign_type. */
    public static final int NET_NAME_UNKNOWN = 0;
    public static final int NET_NAME_ENUM = 1;
    public static final int NET_NAME_PREDICTABLE = 2;
    public static final int NET_NAME_USER = 3;
    public static final int NET_NAME_RENAMED = 4;

    /** ndo_start_xmit's answers. */
    public static final int NETDEV_TX_OK = 0x00;
    public static final int NETDEV_TX_BUSY = 0x10;
    /** dev_queue_xmit's: qdisc verdicts (positive) or a negative errno. */
    public static final int NET_XMIT_SUCCESS = 0x00;
    public static final int NET_XMIT_DROP = 0x01;
    public static final int NET_XMIT_CN = 0x02;
    public static final int NET_XMIT_MASK = 0x0f;
    /** netif_rx's and the packet handlers'. */
    public static final int NET_RX_SUCCESS = 0;
    public static final int NET_RX_DROP = 1;

    /** struct net_device_core_stats: what the core itself counts against the device. */
    public static final class CoreStats {
        public long rx_dropped;
        public long tx_dropped;
        public long rx_nohandler;
    }

    public String name;
    public int ifindex;
    /** type: ARPHRD_*. */
    public int type;
    public int mtu;
    public int min_mtu;
    public int max_mtu;
    /** hard_header_len: bytes of link header a packet needs in front (ETH_HLEN); min_header_len the least. */
    public int hard_header_len;
    public int min_header_len;
    /** needed_headroom: extra room the driver wants beyond hard_header_len. */
    public int needed_headroom;
    public int addr_len;
    /** dev_addr: the hardware address (addr_len bytes used); perm_addr the one it came with. */
    public final byte[] dev_addr = new byte[MAX_ADDR_LEN];
    public final byte[] perm_addr = new byte[MAX_ADDR_LEN];
    public final byte[] broadcast = new byte[MAX_ADDR_LEN];
    public int addr_assign_type;
    public int name_assign_type;
    /** flags: IFF_* as set by the kernel and user space (IFF_RUNNING is derived: dev_get_flags). */
    public int flags;
    /** gflags: the promiscuous/allmulti requests user space made. */
    public int gflags;
    /** promiscuity/allmulti: how many want the device promiscuous / all multicast (IFF_PROMISC while > 0). */
    public int promiscuity;
    public int allmulti;
    public int priv_flags;
    /** state: __LINK_STATE_* bits. */
    public long state;
    public int operstate = IF_OPER_UNKNOWN;
    public int link_mode = IF_LINK_MODE_DEFAULT;
    public int reg_state = NETREG_UNINITIALIZED;
    public int tx_queue_len;
    public NetDeviceOps netdev_ops;
    public HeaderOps header_ops;
    /** stats: the driver's counters. */
    public final NetDeviceStats stats = new NetDeviceStats();
    public final CoreStats core_stats = new CoreStats();
    /** carrier_up_count/carrier_down_count: link changes since registration. */
    public long carrier_up_count;
    public long carrier_down_count;
    /** The device's one transmit queue (dev->_tx[0]) and its root qdisc. */
    public final NetdevQueue _tx = new NetdevQueue(this);
    public Qdisc qdisc;
    /** napi_list: the device's NAPI instances. */
    public final List<NapiStruct> napi_list = new ArrayList<>();
    /** Taps and handlers bound to this device only (packet_type.dev == this). */
    final List<PacketType> ptype_all = new ArrayList<>();
    final List<PacketType> ptype_specific = new ArrayList<>();
    /** ip_ptr: struct in_device, the IPv4 layer's state for this device (addresses, ARP); null until it sets it. */
    public Object ip_ptr;
    /** References taken with dev_hold (the list's own included). */
    public int dev_refcnt;
    /** needs_free_netdev: unregister frees the device (software devices such as lo). */
    public boolean needs_free_netdev;
    /** The driver's private state (what netdev_priv returns). */
    final Object priv;
    private final long kaddr;

    NetDevice(long kaddr, Object priv) {
        this.kaddr = kaddr;
        this.priv = priv;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    @Override
    public String toString() {
        return "net_device " + name;
    }

    /** netdev_priv: the driver's private state given to alloc_netdev. */
    @SuppressWarnings("unchecked")
    public static <T> T netdev_priv(NetDevice dev) {
        return (T) dev.priv;
    }

    public boolean test_bit(int nr) {
        return (state & 1L << nr) != 0;
    }

    public void set_bit(int nr) {
        state |= 1L << nr;
    }

    public void clear_bit(int nr) {
        state &= ~(1L << nr);
    }

    /** test_and_set_bit: sets {@code nr}; whether it was set before. */
    public boolean test_and_set_bit(int nr) {
        boolean was = test_bit(nr);
        set_bit(nr);
        return was;
    }

    public boolean test_and_clear_bit(int nr) {
        boolean was = test_bit(nr);
        clear_bit(nr);
        return was;
    }

    /** The used part of dev_addr. */
    public byte[] address() {
        return java.util.Arrays.copyOf(dev_addr, addr_len);
    }

    // ---------------------------------------------------------------- state tests

    /** netif_running: the device is up (dev_open ran, dev_close has not). */
    public static boolean netif_running(NetDevice dev) {
        return dev.test_bit(__LINK_STATE_START);
    }

    /** netif_carrier_ok: the link is up. */
    public static boolean netif_carrier_ok(NetDevice dev) {
        return !dev.test_bit(__LINK_STATE_NOCARRIER);
    }

    /** netif_device_present: registered and not detached. */
    public static boolean netif_device_present(NetDevice dev) {
        return dev.test_bit(__LINK_STATE_PRESENT);
    }

    public static boolean netif_dormant(NetDevice dev) {
        return dev.test_bit(__LINK_STATE_DORMANT);
    }

    public static boolean netif_testing(NetDevice dev) {
        return dev.test_bit(__LINK_STATE_TESTING);
    }

    /** netif_oper_up: operationally up (UP, or UNKNOWN for devices without link state, such as lo). */
    public static boolean netif_oper_up(NetDevice dev) {
        return dev.operstate == IF_OPER_UP || dev.operstate == IF_OPER_UNKNOWN;
    }

    /**
     * dev_get_flags: the flags as user space sees them: IFF_RUNNING, IFF_LOWER_UP and IFF_DORMANT
     * come from the link's state while the device is up.
     */
    public static int dev_get_flags(NetDevice dev) {
        int flags = (dev.flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT))
                | (dev.gflags & (IFF_PROMISC | IFF_ALLMULTI));
        if (netif_running(dev)) {
            if (netif_oper_up(dev)) {
                flags |= IFF_RUNNING;
            }
            if (netif_carrier_ok(dev)) {
                flags |= IFF_LOWER_UP;
            }
            if (netif_dormant(dev)) {
                flags |= IFF_DORMANT;
            }
        }
        return flags;
    }

    /** dev_xmit_complete: the driver is done with the skb (sent, dropped, or an error), not BUSY. */
    public static boolean dev_xmit_complete(int rc) {
        return rc < NET_XMIT_MASK;
    }

    // ---------------------------------------------------------------- transmit queue

    /** netdev_get_tx_queue: the device's queue {@code index} (there is one: 0). */
    public static NetdevQueue netdev_get_tx_queue(NetDevice dev, int index) {
        if (index != 0) {
            throw new IllegalArgumentException("one tx queue per device: " + index);
        }
        return dev._tx;
    }

    /** netif_start_queue: the driver can take packets (at open). */
    public static void netif_start_queue(NetDevice dev) {
        dev._tx.state &= ~(1 << NetdevQueue.__QUEUE_STATE_DRV_XOFF);
    }

    /** netif_stop_queue: the driver's ring is full; the core stops calling ndo_start_xmit. */
    public static void netif_stop_queue(NetDevice dev) {
        dev._tx.state |= 1 << NetdevQueue.__QUEUE_STATE_DRV_XOFF;
    }

    public static boolean netif_queue_stopped(NetDevice dev) {
        return NetdevQueue.netif_tx_queue_stopped(dev._tx);
    }

    // ---------------------------------------------------------------- link-layer header

    /** dev_hard_header: the device's header_ops build the link header; 0 for a device without one. */
    public static int dev_hard_header(SkBuff skb, NetDevice dev, int type, byte[] daddr, byte[] saddr, int len) {
        if (dev.header_ops == null) {
            return 0;
        }
        return dev.header_ops.create(skb, dev, type, daddr, saddr, len);
    }

    /** LL_RESERVED_SPACE: headroom to reserve for this device's link header, aligned as Linux aligns it. */
    public static int LL_RESERVED_SPACE(NetDevice dev) {
        int hhMask = 15; // HH_DATA_MOD - 1
        return ((dev.hard_header_len + dev.needed_headroom) & ~hhMask) + 16;
    }
}
