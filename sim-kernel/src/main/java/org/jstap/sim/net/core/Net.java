package org.jstap.sim.net.core;

import org.jstap.sim.Kernel;
import org.jstap.sim.drivers.net.Loopback;
import org.jstap.sim.net.Sockets;
import org.jstap.sim.net.ethernet.Eth;
import org.jstap.sim.net.sched.SchGeneric;
import org.jstap.sim.net.unix.AfUnix;

/**
 * The network stack of one machine: {@code init_net} (struct net, the one network namespace:
 * its devices and loopback device, each CPU's softnet_data, the sysctls Linux keeps per
 * namespace or globally for the socket layer, with their Linux defaults) and the subsystems that
 * work on it, each the class of its Linux file: the socket layer ({@link Sockets}, net/socket.c),
 * the generic sock code ({@link SockCore}), the protocol families registered with
 * {@code sock_register} (AF_UNIX), and the device layer. Reached as {@code kernel.net()};
 * {@code net_dev_init} (a subsys initcall) opens the NET_TX and NET_RX softirqs, adds
 * /proc/net/dev and friends, and registers {@code lo}.
 *
 * <pre>{@code
 * Net net = kernel.net();
 * net.rx().dev_add_pack(new PacketType(htons(ETH_P_IP), null, "ip_rcv", this::ip_rcv));
 * NetDevice lo = net.loopback_dev;
 * SkBuff skb = net.skb().alloc_skb(LL_RESERVED_SPACE(lo) + len, Gfp.GFP_KERNEL);
 * ...
 * net.xmit().dev_queue_xmit(skb);
 *
 * Socket[] s = new Socket[1];
 * int err = net.sockets().sock_create(SocketDefs.AF_UNIX, SocketDefs.SOCK_STREAM, 0, s);
 * }</pre>
 */
public final class Net {
    /** net.core.somaxconn: listen(2)'s backlog is clamped to this. */
    public int sysctl_somaxconn = 4096;
    /** net.core.wmem_max / rmem_max: SO_SNDBUF / SO_RCVBUF are clamped to these (then doubled). */
    public int sysctl_wmem_max = 212992;
    public int sysctl_rmem_max = 212992;
    /** net.core.wmem_default / rmem_default: a new sock's sk_sndbuf / sk_rcvbuf. */
    public int sysctl_wmem_default = 212992;
    public int sysctl_rmem_default = 212992;
    /** net.unix.max_dgram_qlen: a datagram socket's queue limit, and a new unix sock's backlog. */
    public int unx_sysctl_max_dgram_qlen = 10;

    /** loopback_dev: lo, once net_dev_init has registered it. */
    public NetDevice loopback_dev;
    /** softnet_data, per CPU. */
    final SoftnetData[] softnet_data;

    private final SkBuffs skb;
    private final Dev dev;
    private final DevIoctl devIoctl;
    private final Transmit xmit;
    private final Receive rx;
    private final Napi napi;
    private final Linkwatch linkwatch;
    private final NetProcfs procfs;
    private final SchGeneric sched;
    private final Eth eth;
    private final Loopback loopback;
    private final Kernel kernel;
    private final Sockets sockets;
    private final SockCore sock;
    private final AfUnix unix;
    private final Dst dst;
    private final Neigh neigh;
    private final SkbDatagram datagram;
    private final org.jstap.sim.net.ipv4.NetnsIpv4 ipv4;

    public Net(Kernel kernel) {
        this.kernel = kernel;
        this.softnet_data = new SoftnetData[kernel.config().cpus()];
        for (int cpu = 0; cpu < softnet_data.length; cpu++) {
            softnet_data[cpu] = new SoftnetData(cpu);
        }
        this.skb = new SkBuffs(kernel);
        this.dev = new Dev(kernel, this);
        this.devIoctl = new DevIoctl(kernel, this);
        this.xmit = new Transmit(kernel, this);
        this.rx = new Receive(kernel, this);
        this.napi = new Napi(kernel, this);
        this.linkwatch = new Linkwatch(kernel);
        this.procfs = new NetProcfs(kernel, this);
        this.sched = new SchGeneric(kernel);
        this.eth = new Eth(kernel);
        this.loopback = new Loopback(kernel);
        this.sock = new SockCore(kernel, this);
        this.sockets = new Sockets(kernel, this);
        this.unix = new AfUnix(kernel, this);
        this.dst = new Dst(kernel);
        this.neigh = new Neigh(kernel, this);
        this.datagram = new SkbDatagram(kernel, this);
        this.ipv4 = new org.jstap.sim.net.ipv4.NetnsIpv4(kernel, this);
    }

    /** net/core/dst.c: dst_output, dst_input. */
    public Dst dst() {
        return dst;
    }

    /** net/core/datagram.c: receiving datagrams, datagram_poll. */
    public SkbDatagram datagram() {
        return datagram;
    }

    /** net/core/neighbour.c: the neighbour tables' state machine. */
    public Neigh neigh() {
        return neigh;
    }

    /** init_net.ipv4: the IPv4 stack (af_inet.c and the rest of net/ipv4). */
    public org.jstap.sim.net.ipv4.NetnsIpv4 ipv4() {
        return ipv4;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** net/socket.c: sockfs, the socket calls, the family registry. */
    public Sockets sockets() {
        return sockets;
    }

    /** net/core/sock.c: sk_alloc, sock options, the generic waits and wake-ups. */
    public SockCore sock() {
        return sock;
    }

    /** net/unix/af_unix.c: AF_UNIX. */
    public AfUnix unix() {
        return unix;
    }

    /** softnet_data of {@code cpu}. */
    public SoftnetData softnet_data(int cpu) {
        return softnet_data[cpu];
    }

    /** net/core/skbuff.c: allocating, sharing and freeing sk_buffs. */
    public SkBuffs skb() {
        return skb;
    }

    /** net/core/dev.c, devices: registration, lookup, open/close, flags, MTU, notifiers. */
    public Dev dev() {
        return dev;
    }

    /** net/core/dev_ioctl.c: the device ioctls (SIOCGIFFLAGS, SIOCSIFMTU...) sock_ioctl passes on. */
    public DevIoctl dev_ioctl() {
        return devIoctl;
    }

    /** net/core/dev.c, transmit: dev_queue_xmit down to the driver, and NET_TX. */
    public Transmit xmit() {
        return xmit;
    }

    /** net/core/dev.c, receive: netif_rx, netif_receive_skb and the protocol handlers (dev_add_pack). */
    public Receive rx() {
        return rx;
    }

    /** net/core/dev.c, NAPI: polling drivers on NET_RX. */
    public Napi napi() {
        return napi;
    }

    /** net/core/link_watch.c: carrier changes become operstate and qdisc changes. */
    public Linkwatch linkwatch() {
        return linkwatch;
    }

    /** net/core/net-procfs.c: /proc/net/dev, softnet_stat, ptype. */
    public NetProcfs procfs() {
        return procfs;
    }

    /** net/sched/sch_generic.c: the default qdiscs and the carrier. */
    public SchGeneric sched() {
        return sched;
    }

    /** net/ethernet/eth.c. */
    public Eth eth() {
        return eth;
    }

    /** drivers/net/loopback.c. */
    public Loopback loopback() {
        return loopback;
    }
}
