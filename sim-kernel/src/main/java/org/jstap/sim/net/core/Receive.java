package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.NetDevice.NET_RX_DROP;
import static org.jstap.sim.net.core.NetDevice.NET_RX_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * net/core/dev.c, the receive half: how a packet a driver produced reaches its protocol.
 * A NAPI driver's poll calls {@link #netif_receive_skb} directly; a driver without NAPI, and
 * lo, call {@link #netif_rx}, which queues the packet on this CPU's backlog and schedules the
 * backlog NAPI, so the packet goes on in NET_RX ({@code process_backlog}). Either way
 * {@code __netif_receive_skb_core} hands it to every tap (ETH_P_ALL), then to the handlers of
 * its {@code skb->protocol} ({@link #dev_add_pack}), the last one without a copy; a packet
 * nobody takes counts in the device's rx_dropped.
 */
@LinuxFile("net/core/dev.c")
public final class Receive {
    static final int PTYPE_HASH_SIZE = 16;
    static final int PTYPE_HASH_MASK = PTYPE_HASH_SIZE - 1;
    /** netdev_max_backlog: packets a CPU's backlog holds before netif_rx drops. */
    static final int NETDEV_MAX_BACKLOG = 1000;
    /** dev_rx_weight (weight_p): the backlog NAPI's budget per poll. */
    static final int DEV_RX_WEIGHT = 64;
    /** Virtual cost of queueing on the backlog, and of the core's part of receiving a packet. */
    static final long ENQUEUE_NS = 40;
    static final long RECEIVE_NS = 150;

    private final Kernel kernel;
    private final Net net;
    /** ptype_all: the taps. */
    final List<PacketType> ptype_all = new ArrayList<>();
    /** ptype_base: handlers by protocol hash; the newest of a bucket comes first, as list_add puts it. */
    final List<List<PacketType>> ptype_base = new ArrayList<>();

    Receive(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
        for (int i = 0; i < PTYPE_HASH_SIZE; i++) {
            ptype_base.add(new ArrayList<>());
        }
    }

    // ---------------------------------------------------------------- protocol handlers

    /** ptype_head: the list {@code pt} belongs on. */
    private List<PacketType> ptype_head(PacketType pt) {
        if (pt.type == Byteorder.htons(IfEther.ETH_P_ALL)) {
            return pt.dev != null ? pt.dev.ptype_all : ptype_all;
        }
        return pt.dev != null ? pt.dev.ptype_specific : ptype_base.get(Byteorder.ntohs(pt.type) & PTYPE_HASH_MASK);
    }

    /** dev_add_pack: {@code pt} receives the packets of its type from now on. */
    public void dev_add_pack(PacketType pt) {
        ptype_head(pt).addFirst(pt);
    }

    /** __dev_remove_pack: {@code pt} receives no more. */
    public void __dev_remove_pack(PacketType pt) {
        if (!ptype_head(pt).remove(pt)) {
            kernel.printk().pr_warn("dev_remove_pack: " + pt + " not found");
        }
    }

    /** dev_remove_pack: __dev_remove_pack, after which no CPU is still inside {@code pt}'s handler. */
    public void dev_remove_pack(PacketType pt) {
        __dev_remove_pack(pt);
    }

    /** The handlers, taps first, then by protocol bucket (for /proc/net/ptype). */
    List<PacketType> ptypes() {
        List<PacketType> out = new ArrayList<>(ptype_all);
        for (List<PacketType> bucket : ptype_base) {
            out.addAll(bucket);
        }
        return out;
    }

    // ---------------------------------------------------------------- the backlog

    /** The backlog NAPI of {@code sd} (net_dev_init): polled by process_backlog with dev_rx_weight. */
    void initBacklog(SoftnetData sd) {
        sd.backlog.poll = this::process_backlog;
        sd.backlog.poll_name = "process_backlog";
        sd.backlog.weight = DEV_RX_WEIGHT;
    }

    /**
     * netif_rx: a driver (or lo) received {@code skb}: it is queued on this CPU's backlog for
     * NET_RX. From process context bottom halves go off around it, so NET_RX runs on the way
     * out. NET_RX_SUCCESS, or NET_RX_DROP (backlog full, device down) with the skb freed.
     */
    public int netif_rx(SkBuff skb) {
        boolean needBhOff = !kernel.softirq().in_interrupt(kernel.smp_processor_id());
        if (needBhOff) {
            kernel.softirq().local_bh_disable();
        }
        try {
            return netif_rx_internal(skb);
        } finally {
            if (needBhOff) {
                kernel.softirq().local_bh_enable();
            }
        }
    }

    /** __netif_rx: netif_rx for callers already in interrupt or softirq context (lo's xmit). */
    public int __netif_rx(SkBuff skb) {
        return netif_rx_internal(skb);
    }

    private int netif_rx_internal(SkBuff skb) {
        kernel.trace().netif_rx(skb);
        return enqueue_to_backlog(skb, kernel.smp_processor_id());
    }

    /**
     * enqueue_to_backlog: onto {@code cpu}'s input_pkt_queue; the first packet of an empty queue
     * schedules the backlog NAPI. Dropped if the device is not running or the queue is past
     * netdev_max_backlog.
     */
    int enqueue_to_backlog(SkBuff skb, int cpu) {
        SoftnetData sd = net.softnet_data[cpu];
        kernel.sched().charge(ENQUEUE_NS);
        if (NetDevice.netif_running(skb.dev)) {
            int qlen = sd.input_pkt_queue.qlen;
            if (qlen <= NETDEV_MAX_BACKLOG) {
                if (qlen == 0 && !sd.backlog.test_bit(NapiStruct.NAPI_STATE_SCHED)) {
                    sd.backlog.state |= 1L << NapiStruct.NAPI_STATE_SCHED;
                    net.napi().____napi_schedule(sd, sd.backlog);
                }
                SkBuffHead.__skb_queue_tail(sd.input_pkt_queue, skb);
                return NET_RX_SUCCESS;
            }
        }
        sd.dropped++;
        skb.dev.core_stats.rx_dropped++;
        net.skb().kfree_skb(skb);
        return NET_RX_DROP;
    }

    /**
     * process_backlog: the backlog NAPI's poll: up to {@code quota} packets from process_queue
     * into __netif_receive_skb, refilling it from input_pkt_queue; done (state cleared: the
     * inline __napi_complete) when both are empty.
     */
    int process_backlog(NapiStruct napi, int quota) {
        SoftnetData sd = net.softnet_data[kernel.smp_processor_id()];
        int work = 0;
        napi.weight = DEV_RX_WEIGHT;
        while (true) {
            for (SkBuff skb; (skb = SkBuffHead.__skb_dequeue(sd.process_queue)) != null; ) {
                __netif_receive_skb(skb);
                if (++work >= quota) {
                    return work;
                }
            }
            if (SkBuffHead.skb_queue_empty(sd.input_pkt_queue)) {
                napi.state = 0;
                return work;
            }
            SkBuffHead.skb_queue_splice_tail_init(sd.input_pkt_queue, sd.process_queue);
        }
    }

    /** flush_backlog: a device going away loses the packets it left on the backlogs. */
    void flush_backlog(NetDevice dev) {
        for (SoftnetData sd : net.softnet_data) {
            for (SkBuffHead q : List.of(sd.input_pkt_queue, sd.process_queue)) {
                for (SkBuff skb : q.skbs()) {
                    if (skb.dev == dev) {
                        SkBuffHead.__skb_unlink(skb, q);
                        net.skb().kfree_skb(skb);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- delivery

    /**
     * netif_receive_skb: a NAPI driver's poll delivers {@code skb} now, in NET_RX: to the taps
     * and its protocol's handler. NET_RX_SUCCESS or NET_RX_DROP (as the handler says).
     */
    public int netif_receive_skb(SkBuff skb) {
        return netif_receive_skb_internal(skb);
    }

    private int netif_receive_skb_internal(SkBuff skb) {
        return __netif_receive_skb(skb);
    }

    int __netif_receive_skb(SkBuff skb) {
        return __netif_receive_skb_one_core(skb);
    }

    /** __netif_receive_skb_one_core: the core picks the handlers; the last one gets the skb itself. */
    private int __netif_receive_skb_one_core(SkBuff skb) {
        NetDevice orig_dev = skb.dev;
        PacketType[] pt_prev = {null};
        int ret = __netif_receive_skb_core(skb, pt_prev);
        if (pt_prev[0] != null) {
            ret = pt_prev[0].func.func(skb, skb.dev, pt_prev[0], orig_dev);
        }
        return ret;
    }

    /**
     * __netif_receive_skb_core: the network header starts at data (the link header was pulled),
     * taps get a reference each, then the handlers of {@code skb->protocol} bound to no device
     * and those bound to this one; the last match is left in {@code ppt_prev[0]} for the caller
     * to call. With none the packet is dropped (rx_dropped).
     */
    int __netif_receive_skb_core(SkBuff skb, PacketType[] ppt_prev) {
        kernel.trace().netif_receive_skb(skb);
        kernel.sched().charge(RECEIVE_NS);
        NetDevice orig_dev = skb.dev;
        SkBuff.skb_reset_network_header(skb);
        if (!SkBuff.skb_transport_header_was_set(skb)) {
            SkBuff.skb_reset_transport_header(skb);
        }
        SkBuff.skb_reset_mac_len(skb);
        skb.skb_iif = skb.dev.ifindex;
        net.softnet_data[kernel.smp_processor_id()].processed++;
        int ret = NET_RX_DROP;
        PacketType pt_prev = null;
        for (List<PacketType> taps : List.of(List.copyOf(ptype_all), List.copyOf(skb.dev.ptype_all))) {
            for (PacketType ptype : taps) {
                if (pt_prev != null) {
                    ret = deliver_skb(skb, pt_prev, orig_dev);
                }
                pt_prev = ptype;
            }
        }
        int type = skb.protocol;
        pt_prev = deliver_ptype_list_skb(skb, pt_prev, orig_dev, type,
                ptype_base.get(Byteorder.ntohs(type) & PTYPE_HASH_MASK));
        pt_prev = deliver_ptype_list_skb(skb, pt_prev, orig_dev, type, orig_dev.ptype_specific);
        if (pt_prev != null) {
            ppt_prev[0] = pt_prev;
        } else {
            skb.dev.core_stats.rx_dropped++;
            net.skb().kfree_skb(skb);
            ret = NET_RX_DROP;
        }
        return ret;
    }

    /** deliver_skb: {@code pt_prev} gets {@code skb} with a reference of its own. */
    int deliver_skb(SkBuff skb, PacketType pt_prev, NetDevice orig_dev) {
        SkBuff.skb_get(skb);
        return pt_prev.func.func(skb, skb.dev, pt_prev, orig_dev);
    }

    /** deliver_ptype_list_skb: each handler of {@code type} on {@code list} but the last gets the skb now. */
    private PacketType deliver_ptype_list_skb(SkBuff skb, PacketType pt_prev, NetDevice orig_dev, int type,
            List<PacketType> list) {
        for (PacketType ptype : List.copyOf(list)) {
            if (ptype.type != type) {
                continue;
            }
            if (pt_prev != null) {
                deliver_skb(skb, pt_prev, orig_dev);
            }
            pt_prev = ptype;
        }
        return pt_prev;
    }
}
