package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.NetDevice.IFF_LOWER_UP;
import static org.jstap.sim.net.core.NetDevice.IFF_RUNNING;
import static org.jstap.sim.net.core.NetDevice.IFF_UP;
import static org.jstap.sim.net.core.NetDevice.dev_get_flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.net.sched.Qdisc;
import org.junit.jupiter.api.Test;

/** The transmit path through pfifo_fast to a driver that fills up, and the carrier. */
class TransmitTest {
    private static final int TEST_IRQ = 40;
    private static final long MS = 1_000_000;

    private final Kernel k = Kernel.boot(new KernelConfig(2, 64, 0, ""));
    private final Net net = k.net();
    private final List<String> log = new ArrayList<>();

    private TestNic nic(int ring) {
        TestNic nic = new TestNic(k, ring, log);
        assertEquals(0, net.dev().register_netdev(nic.dev));
        k.irq().request_irq(TEST_IRQ, "test0", (irq, cpu) -> nic.tx_irq());
        return nic;
    }

    private void inTask(Runnable body) {
        TaskStruct t = k.kthread().kthread_run(body, 0, "sender");
        k.run_until(() -> t.state() == TaskStruct.State.DEAD, k.hardware().now() + 100 * MS);
        assertEquals(TaskStruct.State.DEAD, t.state());
    }

    private void txInterruptIn(long ns) {
        k.hardware().events().schedule(k.hardware().now() + ns,
                () -> k.hardware().interruptController().raise(TEST_IRQ, 0));
    }

    @Test
    void fullRing_requeuesAndQueues_thenTheWakeRunsTheQdiscOnNetTx() {
        TestNic nic = nic(4);
        net.dev().dev_open(nic.dev);
        Qdisc q = nic.dev._tx.qdisc;
        assertEquals("pfifo_fast", q.ops.id());
        List<Integer> rcs = new ArrayList<>();
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("net_dev_xmit"), args -> log.add("xmit rc " + args[1]));
        inTask(() -> {
            for (int i = 1; i <= 6; i++) {
                rcs.add(net.xmit().dev_queue_xmit(nic.frame("p" + i, 0)));
            }
        });
        assertEquals(List.of(0, 0, 0, 0, 0, 0), rcs);
        assertEquals(List.of("p1", "p2", "p3", "p4"), nic.ringPayloads());
        // p5 found the queue stopped in sch_direct_xmit and was requeued; p6 waits in its band
        assertEquals(List.of("xmit rc 0", "xmit rc 0", "xmit rc 0", "xmit rc 0"), log);
        assertEquals(2, q.qlen);
        assertEquals(1, q.qstats_requeues);
        assertTrue(NetDevice.netif_queue_stopped(nic.dev));
        long skbs = k.slab().caches().stream().filter(c -> c.name().equals("skbuff_head_cache")).findFirst()
                .orElseThrow().active_objs();
        txInterruptIn(MS);
        k.run_until(() -> false, k.hardware().now() + 2 * MS);
        assertEquals(List.of("p5", "p6"), nic.ringPayloads(), "NET_TX sent the requeued one first");
        assertEquals(0, q.qlen);
        assertEquals(6, q.bstats_packets);
        assertEquals(skbs - 4, k.slab().caches().stream().filter(c -> c.name().equals("skbuff_head_cache"))
                .findFirst().orElseThrow().active_objs(), "dev_kfree_skb_irq's skbs were freed on NET_TX");
        assertEquals(6, net.dev().dev_get_stats(nic.dev).tx_packets);
    }

    @Test
    void pfifoFast_sendsTheInteractiveBandFirst_andDropsAtAFullBandsTail() {
        TestNic nic = nic(1);
        nic.dev.tx_queue_len = 2;
        net.dev().dev_open(nic.dev);
        List<Integer> rcs = new ArrayList<>();
        inTask(() -> {
            // the first fills the ring; the rest wait: priority 2 is bulk (band 2), 0 best effort (1), 6 interactive (0)
            rcs.add(net.xmit().dev_queue_xmit(nic.frame("first", 0)));
            rcs.add(net.xmit().dev_queue_xmit(nic.frame("bulk", 2)));
            rcs.add(net.xmit().dev_queue_xmit(nic.frame("best1", 0)));
            rcs.add(net.xmit().dev_queue_xmit(nic.frame("best2", 0)));
            rcs.add(net.xmit().dev_queue_xmit(nic.frame("best3", 0)));
            rcs.add(net.xmit().dev_queue_xmit(nic.frame("ssh", 6)));
        });
        // bulk met the empty qdisc, was bypassed to the stopped queue and requeued; best1 and best2 fill band 1
        // (tx_queue_len 2), so best3 is dropped
        assertEquals(List.of(0, 0, 0, 0, 1, 0), rcs);
        assertEquals(1, nic.dev._tx.qdisc.qstats_drops);
        List<String> sent = new ArrayList<>(nic.ringPayloads());
        for (int i = 0; i < 4; i++) {
            txInterruptIn(MS);
            k.run_until(() -> false, k.hardware().now() + 2 * MS);
            sent.addAll(nic.ringPayloads());
        }
        // the requeued packet goes first, then band 0, then band 1
        assertEquals(List.of("first", "bulk", "ssh", "best1", "best2"), sent);
    }

    @Test
    void withoutCarrier_theQdiscStaysNoop_untilTheLinkWatchActivatesIt() {
        TestNic nic = new TestNic(k, 4, log);
        k.net().sched().netif_carrier_off(nic.dev);
        assertEquals(0, net.dev().register_netdev(nic.dev));
        assertEquals(NetDevice.IF_OPER_DOWN, nic.dev.operstate);
        net.dev().register_netdevice_notifier((event, dev) -> {
            if (dev == nic.dev) {
                log.add("event " + event);
            }
            return NetdevNotifier.NOTIFY_DONE;
        });
        net.dev().dev_open(nic.dev);
        assertEquals(IFF_UP, dev_get_flags(nic.dev) & (IFF_UP | IFF_RUNNING | IFF_LOWER_UP), "up, but no link");
        int[] rc = {-1};
        inTask(() -> rc[0] = net.xmit().dev_queue_xmit(nic.frame("lost", 0)));
        assertEquals(NetDevice.NET_XMIT_CN, rc[0]);
        assertEquals(List.of(), nic.ringPayloads());
        // the PHY reports link up from an interrupt; the link watch work does the rest in a kworker
        k.irq().request_irq(TEST_IRQ + 1, "link", (irq, cpu) -> k.net().sched().netif_carrier_on(nic.dev));
        k.hardware().events().schedule(k.hardware().now() + MS,
                () -> k.hardware().interruptController().raise(TEST_IRQ + 1, 0));
        k.run_until(() -> false, k.hardware().now() + 5 * MS);
        assertEquals(NetDevice.IF_OPER_UP, nic.dev.operstate);
        assertEquals(IFF_UP | IFF_RUNNING | IFF_LOWER_UP, dev_get_flags(nic.dev) & (IFF_UP | IFF_RUNNING | IFF_LOWER_UP));
        assertEquals("pfifo_fast", nic.dev._tx.qdisc.ops.id());
        assertEquals(1, nic.dev.carrier_up_count);
        inTask(() -> rc[0] = net.xmit().dev_queue_xmit(nic.frame("sent", 0)));
        assertEquals(0, rc[0]);
        assertEquals(List.of("sent"), nic.ringPayloads());
        assertEquals(List.of("event " + NetdevNotifier.NETDEV_REGISTER, "event " + NetdevNotifier.NETDEV_PRE_UP,
                "event " + NetdevNotifier.NETDEV_UP, "event " + NetdevNotifier.NETDEV_CHANGE), log);
    }

    @Test
    void mtuAndAddress_areCheckedAgainstTheDevice() {
        TestNic nic = nic(4);
        assertEquals(-org.jstap.sim.kernel.Errno.EINVAL, net.dev().dev_set_mtu(nic.dev, 1501));
        assertEquals(-org.jstap.sim.kernel.Errno.EINVAL, net.dev().dev_set_mtu(nic.dev, 67));
        assertEquals(0, net.dev().dev_set_mtu(nic.dev, 576));
        assertEquals(576, nic.dev.mtu);
        assertEquals(-org.jstap.sim.kernel.Errno.EOPNOTSUPP,
                net.dev().dev_set_mac_address(nic.dev, NetDevice.ARPHRD_ETHER, new byte[] {2, 0, 0, 0, 0, 2}),
                "the test driver has no ndo_set_mac_address");
        assertEquals(-org.jstap.sim.kernel.Errno.EINVAL,
                net.dev().dev_set_mac_address(nic.dev, NetDevice.ARPHRD_LOOPBACK, new byte[6]));
        NetDevice lo = net.loopback_dev;
        assertEquals(-org.jstap.sim.kernel.Errno.EADDRNOTAVAIL,
                net.dev().dev_set_mac_address(lo, NetDevice.ARPHRD_LOOPBACK, new byte[] {1, 0, 0, 0, 0, 0}),
                "a multicast address");
        assertEquals(0, net.dev().dev_set_mac_address(lo, NetDevice.ARPHRD_LOOPBACK, new byte[] {2, 0, 0, 0, 0, 9}));
        assertEquals(NetDevice.NET_ADDR_SET, lo.addr_assign_type);
    }
}
