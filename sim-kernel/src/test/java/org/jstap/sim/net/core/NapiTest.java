package org.jstap.sim.net.core;

import static org.jstap.sim.lib.Byteorder.htons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.Softirq;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NAPI: an interrupt schedules the poll, NET_RX runs it with its weight, completion re-arms. */
class NapiTest {
    private static final int TEST_IRQ = 40;
    private static final long MS = 1_000_000;

    private final Kernel k = Kernel.boot(new KernelConfig(2, 64, 0, ""));
    private final Net net = k.net();
    private final List<String> log = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private TestNic nic;

    @BeforeEach
    void setUp() {
        nic = new TestNic(k, 8, log);
        assertEquals(0, net.dev().register_netdev(nic.dev));
        assertEquals(0, net.dev().dev_open(nic.dev));
        k.irq().request_irq(TEST_IRQ, "test0", (irq, cpu) -> nic.rx_irq());
        net.rx().dev_add_pack(new PacketType(htons(TestNic.ETH_P_TEST), null, "test_rcv", (skb, dev, pt, orig) -> {
            byte[] b = new byte[skb.len];
            skb.load(skb.data, b, 0, b.length);
            var t = k.sched().current();
            received.add(new String(b) + " " + (t == null ? "irq" : t.comm()) + "@cpu" + k.smp_processor_id()
                    + (k.softirq().in_softirq(k.smp_processor_id()) ? " softirq" : "") + " type " + skb.pkt_type
                    + " iif " + skb.skb_iif);
            net.skb().consume_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        }));
    }

    private void interruptIn(long ns, int cpu) {
        k.hardware().events().schedule(k.hardware().now() + ns,
                () -> k.hardware().interruptController().raise(TEST_IRQ, cpu));
    }

    private void runFor(long ns) {
        k.run_until(() -> false, k.hardware().now() + ns);
    }

    @Test
    void registering_namesItEth0_afterLo() {
        assertEquals("eth0", nic.dev.name);
        assertEquals(2, nic.dev.ifindex);
        assertEquals(List.of("lo", "eth0"), net.dev().devices().stream().map(d -> d.name).toList());
        TestNic second = new TestNic(k, 8, log);
        assertEquals(0, net.dev().register_netdev(second.dev));
        assertEquals("eth1", second.dev.name);
        NetDevice dup = net.dev().alloc_netdev(null, "eth0", NetDevice.NET_NAME_USER, net.eth()::ether_setup);
        dup.netdev_ops = second;
        assertEquals(-org.jstap.sim.kernel.Errno.EEXIST, net.dev().register_netdev(dup));
        net.dev().free_netdev(dup);
        NetDevice bad = net.dev().alloc_netdev(null, "bad/name", NetDevice.NET_NAME_USER, net.eth()::ether_setup);
        bad.netdev_ops = second;
        assertEquals(-org.jstap.sim.kernel.Errno.EINVAL, net.dev().register_netdev(bad));
        net.dev().unregister_netdev(second.dev);
        assertEquals(null, net.dev().__dev_get_by_name("eth1"));
        TestNic third = new TestNic(k, 8, log);
        net.dev().register_netdev(third.dev);
        assertEquals("eth1", third.dev.name, "the lowest free number");
        assertEquals(4, third.dev.ifindex, "indexes are not reused");
    }

    @Test
    void interrupt_schedulesThePoll_whichRunsInNetRxOnThatCpu_andCompletes() {
        nic.rxPending.addAll(List.of("a", "b", "c"));
        long before = k.softirq().count(1, Softirq.NET_RX_SOFTIRQ);
        interruptIn(MS, 1);
        runFor(2 * MS);
        assertEquals(List.of("irq schedule true", "poll 3/64", "irq on"), log);
        assertEquals(List.of("a irq@cpu1 softirq type 0 iif 2", "b irq@cpu1 softirq type 0 iif 2",
                "c irq@cpu1 softirq type 0 iif 2"), received);
        assertEquals(before + 1, k.softirq().count(1, Softirq.NET_RX_SOFTIRQ));
        assertEquals(3, net.softnet_data(1).processed);
        assertFalse(nic.napi.test_bit(NapiStruct.NAPI_STATE_SCHED));
        assertEquals(3, net.dev().dev_get_stats(nic.dev).rx_packets);
    }

    @Test
    void pollUsingItsWholeWeight_isPolledAgain_untilItDoesLess() {
        for (int i = 0; i < 150; i++) {
            nic.rxPending.add("p" + i);
        }
        interruptIn(MS, 0);
        runFor(2 * MS);
        assertEquals(List.of("irq schedule true", "poll 64/64", "poll 64/64", "poll 22/64", "irq on"), log);
        assertEquals(150, received.size());
        assertEquals("p149 irq@cpu0 softirq type 0 iif 2", received.getLast());
    }

    @Test
    void interruptDuringThePoll_isNotLost_theNapiIsPolledOnceMore() {
        nic.rxPending.add("first");
        nic.duringPoll = () -> {
            if (received.isEmpty() && nic.rxPending.size() == 1) {
                // the device raises its interrupt again while we poll: MISSED
                nic.rx_irq();
                nic.rxPending.add("second");
            }
        };
        interruptIn(MS, 0);
        runFor(2 * MS);
        assertEquals(List.of("irq schedule true", "irq schedule false", "poll 2/64", "poll 0/64", "irq on"), log);
        assertEquals(2, received.size());
    }

    @Test
    void napisShareARoundsBudget_eachPolledOnce_andARoundThatSpendsItIsASqueeze() {
        List<TestNic> nics = new ArrayList<>(List.of(nic));
        for (int i = 1; i < 5; i++) {
            TestNic n = new TestNic(k, 8, log);
            net.dev().register_netdev(n.dev);
            net.dev().dev_open(n.dev);
            nics.add(n);
        }
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < nics.size(); j++) {
                nics.get(j).rxPending.add((char) ('a' + j) + Integer.toString(i));
            }
        }
        k.irq().request_irq(TEST_IRQ + 1, "test1", (irq, cpu) -> nics.forEach(TestNic::rx_irq));
        k.hardware().events().schedule(k.hardware().now() + MS,
                () -> k.hardware().interruptController().raise(TEST_IRQ + 1, 0));
        runFor(5 * MS);
        assertEquals(500, received.size());
        // round 1: a, b, c, d, e 64 each: 320 of the 300 spent, a squeeze; round 2: 36 each, all complete
        assertEquals(1, net.softnet_data(0).time_squeeze);
        List<String> firsts = new ArrayList<>();
        for (int i : new int[] {0, 64, 128, 192, 256, 320, 356, 392, 428, 464}) {
            firsts.add(received.get(i).split(" ")[0]);
        }
        assertEquals(List.of("a0", "b0", "c0", "d0", "e0", "a64", "b64", "c64", "d64", "e64"), firsts);
    }

    @Test
    void disabledNapi_cannotBeScheduled_andDisablingOutsideATaskIsABug() {
        var t = k.kthread().kthread_run(() -> net.dev().dev_close(nic.dev), 0, "closer");
        runFor(MS);
        assertTrue(t.state() == org.jstap.sim.kernel.sched.TaskStruct.State.DEAD);
        assertFalse(net.napi().napi_schedule(nic.napi), "ndo_stop disabled it");
        net.napi().napi_enable(nic.napi);
        assertTrue(net.napi().napi_schedule(nic.napi));
        assertThrows(IllegalStateException.class, () -> net.napi().napi_disable(nic.napi),
                "a scheduled poll must be waited for, and only a task can wait");
    }
}
