package org.jstap.sim.net.core;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * net/core/net-procfs.c: {@code /proc/net/dev} (every device's counters, in Linux's layout),
 * {@code /proc/net/softnet_stat} (each CPU's receive counters) and {@code /proc/net/ptype} (the
 * protocol handlers).
 */
@LinuxFile("net/core/net-procfs.c")
public final class NetProcfs {
    private final Kernel kernel;
    private final Net net;

    NetProcfs(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    /** dev_proc_net_init: the entries, under /proc/net. */
    void dev_proc_net_init() {
        kernel.proc().proc_net().proc_create_net_single("dev", 0444, i -> dev_seq_show());
        kernel.proc().proc_net().proc_create_net_single("softnet_stat", 0444, i -> softnet_seq_show());
        kernel.proc().proc_net().proc_create_net_single("ptype", 0444, i -> ptype_seq_show());
    }

    /** dev_seq_show: the two header lines, then one line per device in registration order. */
    public String dev_seq_show() {
        StringBuilder out = new StringBuilder();
        out.append("Inter-|   Receive                                                |  Transmit\n");
        out.append(" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
                + "drop fifo colls carrier compressed\n");
        for (NetDevice dev : net.dev().devices()) {
            dev_seq_printf_stats(out, dev);
        }
        return out.toString();
    }

    /** dev_seq_printf_stats: dev_get_stats, with the error kinds summed as Linux sums them. */
    private void dev_seq_printf_stats(StringBuilder out, NetDevice dev) {
        RtnlLinkStats64 s = net.dev().dev_get_stats(dev);
        out.append(String.format("%6s: %7d %7d %4d %4d %4d %5d %10d %9d %8d %7d %4d %4d %4d %5d %7d %10d\n",
                dev.name, s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped + s.rx_missed_errors,
                s.rx_fifo_errors, s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors,
                s.rx_compressed, s.multicast, s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped,
                s.tx_fifo_errors, s.collisions,
                s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors,
                s.tx_compressed));
    }

    /**
     * softnet_seq_show: per online CPU: processed, dropped, time_squeeze, five columns that were
     * fastroute, cpu_collision, received_rps (no RPS here: 0), flow_limit_count (0), the backlog's
     * length and the CPU's number, each %08x.
     */
    public String softnet_seq_show() {
        StringBuilder out = new StringBuilder();
        for (int cpu = 0; cpu < net.softnet_data.length; cpu++) {
            if (!kernel.sched().cpu_online(cpu)) {
                continue;
            }
            SoftnetData sd = net.softnet_data[cpu];
            out.append(String.format("%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x\n",
                    (int) sd.processed, (int) sd.dropped, (int) sd.time_squeeze, 0, 0, 0, 0, 0, 0, 0, 0,
                    sd.input_pkt_queue.qlen + sd.process_queue.qlen, cpu));
        }
        return out.toString();
    }

    /** ptype_seq_show: taps bound to a device, then the other taps, then the handlers by hash bucket. */
    public String ptype_seq_show() {
        StringBuilder out = new StringBuilder("Type Device      Function\n");
        java.util.List<PacketType> all = new java.util.ArrayList<>();
        for (NetDevice dev : net.dev().devices()) {
            all.addAll(dev.ptype_all);
        }
        all.addAll(net.rx().ptypes());
        for (PacketType pt : all) {
            if (pt.type == Byteorder.htons(IfEther.ETH_P_ALL)) {
                out.append("ALL ");
            } else {
                out.append(String.format("%04x", Byteorder.ntohs(pt.type)));
            }
            out.append(String.format(" %-8s %s\n", pt.dev == null ? "" : pt.dev.name, pt.name));
        }
        return out.toString();
    }
}
