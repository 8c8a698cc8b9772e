package org.jstap.sim.net.core;

import static org.jstap.sim.lib.Byteorder.htons;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * A NIC driver for tests, without hardware: an Ethernet device whose transmit ring holds
 * {@code ringSize} packets (the queue is stopped when it fills, as a driver does), whose
 * "interrupt" completes the ring and wakes the queue, and whose NAPI poll receives the frames
 * queued in {@link #rxPending}.
 */
final class TestNic implements NetDeviceOps {
    final Kernel k;
    final NetDevice dev;
    final NapiStruct napi = new NapiStruct();
    final List<SkBuff> ring = new ArrayList<>();
    final int ringSize;
    /** Frames the "hardware" has received, as payload strings of EtherType ETH_P_TEST. */
    final List<String> rxPending = new ArrayList<>();
    final List<String> log;
    /** Called at each poll, before it works (to let a test raise another interrupt meanwhile). */
    Runnable duringPoll = () -> {};

    static final int ETH_P_TEST = 0x88B5;

    TestNic(Kernel k, int ringSize, List<String> log) {
        this.k = k;
        this.ringSize = ringSize;
        this.log = log;
        this.dev = k.net().eth().alloc_etherdev(this);
        dev.netdev_ops = this;
        org.jstap.sim.net.ethernet.Eth.eth_hw_addr_set(dev, new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56});
        k.net().napi().netif_napi_add(dev, napi, "test_poll", this::test_poll);
    }

    @Override
    public int ndo_open(NetDevice d) {
        k.net().napi().napi_enable(napi);
        NetDevice.netif_start_queue(d);
        return 0;
    }

    @Override
    public int ndo_stop(NetDevice d) {
        NetDevice.netif_stop_queue(d);
        k.net().napi().napi_disable(napi);
        return 0;
    }

    @Override
    public int ndo_validate_addr(NetDevice d) {
        return k.net().eth().eth_validate_addr(d);
    }

    @Override
    public int ndo_start_xmit(SkBuff skb, NetDevice d) {
        if (ring.size() >= ringSize) {
            log.add("busy");
            return NetDevice.NETDEV_TX_BUSY;
        }
        ring.add(skb);
        d.stats.tx_packets++;
        d.stats.tx_bytes += skb.len;
        if (ring.size() == ringSize) {
            NetDevice.netif_stop_queue(d);
        }
        return NetDevice.NETDEV_TX_OK;
    }

    /** The payloads on the ring, in order (each frame's bytes after its Ethernet header). */
    List<String> ringPayloads() {
        List<String> out = new ArrayList<>();
        for (SkBuff s : ring) {
            byte[] b = new byte[s.len - IfEther.ETH_HLEN];
            s.load(s.data + IfEther.ETH_HLEN, b, 0, b.length);
            out.add(new String(b));
        }
        return out;
    }

    /** The transmit-complete interrupt: the ring's packets are freed, the queue woken. */
    void tx_irq() {
        for (SkBuff s : ring) {
            k.net().xmit().dev_kfree_skb_irq(s);
        }
        ring.clear();
        k.net().xmit().netif_wake_queue(dev);
    }

    /** The receive interrupt: NAPI takes over. */
    void rx_irq() {
        log.add("irq schedule " + k.net().napi().napi_schedule(napi));
    }

    /** The driver's poll: up to {@code budget} frames through eth_type_trans and netif_receive_skb. */
    int test_poll(NapiStruct n, int budget) {
        duringPoll.run();
        int work = 0;
        while (work < budget && !rxPending.isEmpty()) {
            byte[] payload = rxPending.removeFirst().getBytes();
            SkBuff skb = k.net().skb().netdev_alloc_skb_ip_align(dev, IfEther.ETH_HLEN + payload.length);
            long eth = k.net().skb().skb_put(skb, IfEther.ETH_HLEN + payload.length);
            skb.store(eth, dev.dev_addr, 0, 6);
            skb.store(eth + 6, new byte[] {2, 0, 0, 0, 0, 1}, 0, 6);
            skb.set_be16(eth + 12, ETH_P_TEST);
            skb.store(eth + 14, payload, 0, payload.length);
            skb.protocol = k.net().eth().eth_type_trans(skb, dev);
            dev.stats.rx_packets++;
            dev.stats.rx_bytes += skb.len;
            k.net().rx().netif_receive_skb(skb);
            work++;
        }
        log.add("poll " + work + "/" + budget);
        if (work < budget && k.net().napi().napi_complete_done(n, work)) {
            log.add("irq on");
        }
        return work;
    }

    /** A frame from this NIC of ETH_P_TEST carrying {@code payload}, with priority {@code prio}. */
    SkBuff frame(String payload, int prio) {
        byte[] b = payload.getBytes();
        SkBuff skb = k.net().skb().alloc_skb(NetDevice.LL_RESERVED_SPACE(dev) + b.length, org.jstap.sim.mm.Gfp.GFP_KERNEL);
        SkBuff.skb_reserve(skb, NetDevice.LL_RESERVED_SPACE(dev));
        k.net().skb().skb_put_data(skb, b, 0, b.length);
        SkBuff.skb_reset_network_header(skb);
        skb.dev = dev;
        skb.priority = prio;
        skb.protocol = htons(ETH_P_TEST);
        NetDevice.dev_hard_header(skb, dev, ETH_P_TEST, new byte[] {2, 0, 0, 0, 0, 1}, null, skb.len);
        return skb;
    }
}
