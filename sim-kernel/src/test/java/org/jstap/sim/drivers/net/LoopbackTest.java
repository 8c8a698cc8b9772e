package org.jstap.sim.drivers.net;

import static org.jstap.sim.lib.Byteorder.htons;
import static org.jstap.sim.net.core.NetDevice.IFF_LOOPBACK;
import static org.jstap.sim.net.core.NetDevice.IFF_RUNNING;
import static org.jstap.sim.net.core.NetDevice.IFF_UP;
import static org.jstap.sim.net.core.NetDevice.LL_RESERVED_SPACE;
import static org.jstap.sim.net.core.NetDevice.dev_get_flags;
import static org.jstap.sim.net.core.NetDevice.dev_hard_header;
import static org.jstap.sim.net.core.SkBuff.skb_reserve;
import static org.jstap.sim.net.core.SkBuff.skb_reset_network_header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetdevNotifier;
import org.jstap.sim.net.core.PacketType;
import org.jstap.sim.net.core.RtnlLinkStats64;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.ethernet.IfEther;
import org.junit.jupiter.api.Test;

/** lo: registered at boot, and a packet sent on it comes back through the backlog to its handler. */
class LoopbackTest {
    /** IEEE 802 local experimental EtherType 1: nothing else in the kernel handles it. */
    private static final int ETH_P_TEST = 0x88B5;
    private static final long MS = 1_000_000;

    /** No /sbin/init: nothing in user space brings lo up. */
    private final Kernel k = Kernel.boot(new KernelConfig(2, 64, 0, "init=/bin/sleep 100000"));
    private final Net net = k.net();
    private final NetDevice lo = net.loopback_dev;
    private final List<String> log = new ArrayList<>();

    /** A frame for {@code dev} of {@code type} carrying {@code payload}, built as the IP layer would. */
    private SkBuff frame(NetDevice dev, int type, byte[] payload) {
        int hh = LL_RESERVED_SPACE(dev);
        SkBuff skb = net.skb().alloc_skb(hh + payload.length, Gfp.GFP_KERNEL);
        skb_reserve(skb, hh);
        net.skb().skb_put_data(skb, payload, 0, payload.length);
        skb_reset_network_header(skb);
        skb.dev = dev;
        skb.protocol = htons(type);
        assertEquals(IfEther.ETH_HLEN, dev_hard_header(skb, dev, type, null, null, skb.len));
        return skb;
    }

    /** Runs {@code body} in a kernel thread on CPU 0 and lets the machine run until it is done. */
    private void inTask(Runnable body) {
        var t = k.kthread().kthread_run(body, 0, "sender");
        k.run_until(() -> t.state() == org.jstap.sim.kernel.sched.TaskStruct.State.DEAD, k.hardware().now() + 100 * MS);
        assertEquals(org.jstap.sim.kernel.sched.TaskStruct.State.DEAD, t.state());
    }

    private String where() {
        var t = k.sched().current();
        return (t == null ? "irq" : t.comm()) + "@cpu" + k.smp_processor_id()
                + (k.softirq().in_softirq(k.smp_processor_id()) ? " softirq" : "");
    }

    private PacketType handler(int type) {
        PacketType pt = new PacketType(htons(type), null, "test_rcv", (skb, dev, p, orig) -> {
            byte[] b = new byte[skb.len];
            skb.load(skb.data, b, 0, b.length);
            log.add("rcv " + new String(b) + " on " + dev.name + " in " + where() + " pkt_type " + skb.pkt_type
                    + " nh@data " + (SkBuff.skb_network_header(skb) == skb.data) + " users " + skb.users);
            net.skb().consume_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        });
        net.rx().dev_add_pack(pt);
        return pt;
    }

    @Test
    void lo_isRegisteredAtBootAsIfindex1_down_withLinuxParameters() {
        assertNotNull(lo);
        NetDevice byName = net.dev().dev_get_by_name("lo");
        assertEquals(lo, byName);
        assertEquals(lo, net.dev().__dev_get_by_index(1));
        net.dev().dev_put(byName);
        assertEquals("lo", lo.name);
        assertEquals(1, lo.ifindex);
        assertEquals(65536, lo.mtu);
        assertEquals(NetDevice.ARPHRD_LOOPBACK, lo.type);
        assertEquals(1000, lo.tx_queue_len);
        assertTrue((lo.priv_flags & NetDevice.IFF_NO_QUEUE) != 0);
        assertArrayEquals(new byte[6], lo.address());
        assertEquals(IFF_LOOPBACK, dev_get_flags(lo), "down until user space brings it up");
        assertEquals(NetDevice.IF_OPER_UNKNOWN, lo.operstate);
        assertEquals(List.of(lo), net.dev().devices());
    }

    @Test
    void devOpenAndClose_setTheFlags_andTellTheNotifierChain() {
        net.dev().register_netdevice_notifier((event, dev) -> {
            log.add(event + " " + dev.name);
            return NetdevNotifier.NOTIFY_DONE;
        });
        assertEquals(List.of(NetdevNotifier.NETDEV_REGISTER + " lo"), log, "registering replays what exists");
        log.clear();
        assertEquals(0, net.dev().dev_open(lo));
        // ip link's <LOOPBACK,UP,LOWER_UP>; SIOCGIFFLAGS has 16 bits: ifconfig's flags=73<UP,LOOPBACK,RUNNING>
        assertEquals(IFF_UP | IFF_LOOPBACK | IFF_RUNNING | NetDevice.IFF_LOWER_UP, dev_get_flags(lo));
        assertEquals(73, dev_get_flags(lo) & 0xffff);
        assertEquals("noqueue", lo._tx.qdisc.ops.id());
        assertEquals(0, net.dev().dev_open(lo), "opening an open device does nothing");
        net.dev().dev_close(lo);
        assertEquals(IFF_LOOPBACK, dev_get_flags(lo));
        assertEquals(List.of(NetdevNotifier.NETDEV_PRE_UP + " lo", NetdevNotifier.NETDEV_UP + " lo",
                NetdevNotifier.NETDEV_GOING_DOWN + " lo", NetdevNotifier.NETDEV_DOWN + " lo"), log);
        assertEquals(0, net.dev().dev_change_flags(lo, IFF_UP));
        assertEquals(73, dev_get_flags(lo) & 0xffff, "SIOCSIFFLAGS IFF_UP opens it, and cannot clear IFF_LOOPBACK");
    }

    @Test
    void xmit_loopsThePacketBackToItsHandler_inTheSendersSoftirq_beforeDevQueueXmitReturns() {
        net.dev().dev_open(lo);
        handler(ETH_P_TEST);
        int[] rc = {-1};
        inTask(() -> {
            rc[0] = net.xmit().dev_queue_xmit(frame(lo, ETH_P_TEST, "hello".getBytes()));
            log.add("xmit returned");
        });
        assertEquals(NetDevice.NET_XMIT_SUCCESS, rc[0]);
        assertEquals(List.of("rcv hello on lo in sender@cpu0 softirq pkt_type 0 nh@data true users 1", "xmit returned"),
                log);
        RtnlLinkStats64 s = net.dev().dev_get_stats(lo);
        assertEquals(1, s.tx_packets);
        assertEquals(1, s.rx_packets);
        // lo counts the bytes after eth_type_trans pulled the Ethernet header
        assertEquals(5, s.tx_bytes);
        assertEquals(5, s.rx_bytes);
        assertEquals(0, s.rx_dropped);
        assertEquals(1, net.softnet_data(0).processed);
    }

    @Test
    void tracepoints_fireInLinuxOrder_onTheWayDownAndUp() {
        net.dev().dev_open(lo);
        handler(ETH_P_TEST);
        for (String tp : List.of("net_dev_queue", "net_dev_start_xmit", "net_dev_xmit", "netif_rx",
                "netif_receive_skb", "napi_poll")) {
            k.tracepoints().tracepoint_probe_register(Tracepoints.id(tp), args -> {
                String extra = switch (tp) {
                    case "net_dev_xmit" -> " rc " + args[1] + " len " + args[3] + " dev " + ((NetDevice) args[2]).name;
                    case "napi_poll" -> " work " + args[1] + " budget " + args[2] + " "
                            + ((org.jstap.sim.net.core.NapiStruct) args[0]).poll_name;
                    default -> " len " + ((SkBuff) args[0]).len;
                };
                log.add(tp + extra);
            });
        }
        inTask(() -> net.xmit().dev_queue_xmit(frame(lo, ETH_P_TEST, "abc".getBytes())));
        assertEquals(List.of("net_dev_queue len 17", "net_dev_start_xmit len 17", "netif_rx len 3",
                "net_dev_xmit rc 0 len 17 dev lo", "netif_receive_skb len 3",
                "rcv abc on lo in sender@cpu0 softirq pkt_type 0 nh@data true users 1",
                "napi_poll work 1 budget 64 process_backlog"), log);
    }

    @Test
    void packetNobodyHandles_isCountedAsDroppedOnLo() {
        net.dev().dev_open(lo);
        inTask(() -> net.xmit().dev_queue_xmit(frame(lo, ETH_P_TEST, "x".getBytes())));
        RtnlLinkStats64 s = net.dev().dev_get_stats(lo);
        assertEquals(1, s.rx_packets, "the backlog took it");
        assertEquals(1, s.rx_dropped, "no packet_type for it");
    }

    @Test
    void loDown_dropsWithCongestion_andCountsNothing() {
        handler(ETH_P_TEST);
        int[] rc = {-1};
        inTask(() -> rc[0] = net.xmit().dev_queue_xmit(frame(lo, ETH_P_TEST, "x".getBytes())));
        assertEquals(NetDevice.NET_XMIT_CN, rc[0], "noop_qdisc's answer");
        assertEquals(List.of(), log);
        assertEquals(0, net.dev().dev_get_stats(lo).tx_packets);
    }

    @Test
    void fullBacklog_dropsPastNetdevMaxBacklog_andWhatSoftirqsLeaveGoesToKsoftirqd() {
        net.dev().dev_open(lo);
        List<String> where = new ArrayList<>();
        net.rx().dev_add_pack(new PacketType(htons(ETH_P_TEST), null, "count_rcv", (skb, dev, p, orig) -> {
            if (where.isEmpty() || !where.getLast().equals(where())) {
                where.add(where());
            }
            net.skb().consume_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        }));
        int[] got = new int[1];
        inTask(() -> {
            // bottom halves off: nothing is received until all are queued
            k.softirq().local_bh_disable();
            for (int i = 0; i < 1002; i++) {
                net.xmit().dev_queue_xmit(frame(lo, ETH_P_TEST, new byte[] {(byte) i}));
            }
            log.add("queued " + net.softnet_data(0).input_pkt_queue.qlen + ", received " + where.size());
            k.softirq().local_bh_enable();
            got[0] = (int) net.softnet_data(0).processed;
        });
        // netdev_max_backlog is 1000: queue lengths 0..1000 are accepted, the 1002nd is not
        assertEquals(List.of("queued 1001, received 0"), log);
        assertEquals(1, net.softnet_data(0).dropped);
        // one poll of 64 per net_rx_action (a lone NAPI), and __do_softirq restarts 10 times
        assertEquals(640, got[0]);
        k.run_until(() -> false, k.hardware().now() + 10 * MS);
        assertEquals(1001, net.softnet_data(0).processed);
        assertEquals(List.of("sender@cpu0 softirq", "ksoftirqd/0@cpu0 softirq"), where);
        RtnlLinkStats64 s = net.dev().dev_get_stats(lo);
        assertEquals(1001, s.rx_packets);
        assertEquals(1, s.rx_dropped);
        assertEquals(0, net.softnet_data(0).time_squeeze, "the budget of 300 was never used up in one round");
        assertEquals("000003e9 00000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000"
                + " 00000000 00000000 00000000\n"
                + "00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000"
                + " 00000000 00000000 00000001\n", net.procfs().softnet_seq_show());
    }

    @Test
    void tap_seesTheOutgoingCloneAndTheIncomingPacket() {
        net.dev().dev_open(lo);
        handler(ETH_P_TEST);
        net.rx().dev_add_pack(new PacketType(htons(IfEther.ETH_P_ALL), null, "tap_rcv", (skb, dev, p, orig) -> {
            log.add("tap pkt_type " + skb.pkt_type + " len " + skb.len + " users " + skb.users);
            net.skb().kfree_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        }));
        inTask(() -> net.xmit().dev_queue_xmit(frame(lo, ETH_P_TEST, "hi".getBytes())));
        assertEquals(List.of("tap pkt_type 4 len 16 users 1", "tap pkt_type 0 len 2 users 2",
                "rcv hi on lo in sender@cpu0 softirq pkt_type 0 nh@data true users 1"), log);
        assertEquals("Type Device      Function\nALL           tap_rcv\n0800          ip_rcv\n88b5          test_rcv\n0806          arp_rcv\n",
                net.procfs().ptype_seq_show());
    }
}
