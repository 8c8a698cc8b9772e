package org.jstap.sim.net.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.net.sched.Qdisc;

/**
 * struct softnet_data: one CPU's share of the network stack: the NAPI instances waiting for
 * NET_RX ({@link #poll_list}), the backlog {@code netif_rx} queues to (input_pkt_queue, drained
 * by the {@link #backlog} NAPI through process_queue), the qdiscs waiting for NET_TX
 * ({@link #output_queue}), the skbs drivers freed from interrupt context
 * ({@link #completion_queue}), and the counters of {@code /proc/net/softnet_stat}.
 */
public final class SoftnetData {
    public final int cpu;
    public final List<NapiStruct> poll_list = new ArrayList<>();
    public final ArrayDeque<Qdisc> output_queue = new ArrayDeque<>();
    public final SkBuffHead completion_queue = new SkBuffHead();
    public final SkBuffHead input_pkt_queue = new SkBuffHead();
    public final SkBuffHead process_queue = new SkBuffHead();
    public final NapiStruct backlog = new NapiStruct();
    /** processed: packets through __netif_receive_skb_core on this CPU. */
    public long processed;
    /** dropped: packets refused because the backlog was full (or the device was down). */
    public long dropped;
    /** time_squeeze: net_rx_action rounds that ran out of budget or time with work left. */
    public long time_squeeze;

    SoftnetData(int cpu) {
        this.cpu = cpu;
    }
}
