package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.PacketType;
import org.jstap.sim.net.core.SkBuff;
import org.junit.jupiter.api.Test;

/**
 * Scripts on the network core: the net tracepoints' arguments read as {@code $skb->len} and
 * {@code $dev->name}, and the call paths a packet takes over lo, down and back up, as
 * backtraces show them (the receive path runs in the sender's softirq, under dev_queue_xmit).
 */
class NetProbesTest {
    private static final int ETH_P_TEST = 0x88B5;

    @Test
    void loopbackPacket_tracepointsAndBacktraces_showLinuxsPaths() throws Exception {
        String script = """
                probe kernel.trace("net_dev_xmit") { printf("net_dev_xmit %s len %d rc %d\\n", $dev->name, $skb_len, $rc) }
                probe kernel.trace("netif_receive_skb") {
                  printf("netif_receive_skb %s len %d protocol 0x%x\\n", $skb->dev->name, $skb->len, $skb->protocol)
                }
                probe kernel.trace("napi_poll") { printf("napi_poll work %d budget %d\\n", $work, $budget) }
                probe kernel.function("loopback_xmit"), kernel.function("__netif_receive_skb_core") {
                  printf("%s:", ppfunc()); a = tokenize(backtrace(), " ")
                  while (a != "") { printf(" %s", symname(strtol(a, 16))); a = tokenize("", " ") }
                  println("")
                }
                """;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var compiled = new Driver(new ByteArrayOutputStream(), new PrintStream(err, true))
                .compile(Options.of(new SourceFile("<input>", script), List.of()));
        Kernel k = Kernel.boot(KernelConfig.defaults());
        try {
            var net = k.net();
            net.dev().dev_open(net.loopback_dev);
            net.rx().dev_add_pack(new PacketType(Byteorder.htons(ETH_P_TEST), null, "test_rcv", (skb, dev, pt, orig) -> {
                net.skb().consume_skb(skb);
                return NetDevice.NET_RX_SUCCESS;
            }));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Staprun s = new Staprun(k, "stap_net", compiled, new SessionOptions(out, new PrintStream(err, true)));
            assertEquals(0, s.attach());
            TaskStruct t = k.kthread().kthread_run(() -> {
                NetDevice lo = net.loopback_dev;
                SkBuff skb = net.skb().alloc_skb(NetDevice.LL_RESERVED_SPACE(lo) + 40, Gfp.GFP_KERNEL);
                SkBuff.skb_reserve(skb, NetDevice.LL_RESERVED_SPACE(lo));
                net.skb().skb_put_zero(skb, 40);
                skb.dev = lo;
                NetDevice.dev_hard_header(skb, lo, ETH_P_TEST, null, null, skb.len);
                net.xmit().dev_queue_xmit(skb);
            }, 0, "sender");
            k.run_until(() -> t.state() == TaskStruct.State.DEAD, k.hardware().now() + 100_000_000L);
            assertEquals(0, s.detach());
            // the kprobe on __netif_receive_skb_core fires at its entry, before the tracepoint inside it
            assertEquals("loopback_xmit: loopback_xmit netdev_start_xmit xmit_one dev_hard_start_xmit __dev_queue_xmit"
                    + " dev_queue_xmit task_body\n"
                    + "net_dev_xmit lo len 54 rc 0\n"
                    + "__netif_receive_skb_core: __netif_receive_skb_core __netif_receive_skb_one_core __netif_receive_skb"
                    + " process_backlog __napi_poll napi_poll net_rx_action __do_softirq local_bh_enable __dev_queue_xmit"
                    + " dev_queue_xmit task_body\n"
                    + "netif_receive_skb lo len 40 protocol 0xb588\n"
                    + "napi_poll work 1 budget 64\n", out.toString());
        } finally {
            k.kernel_power_off();
        }
    }
}
