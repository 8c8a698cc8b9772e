package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.PacketType;
import org.jstap.sim.net.core.SkBuff;
import org.junit.jupiter.api.Test;

/**
 * Scripts on the e1000 driver of a two-host cluster: a kprobe in {@code e1000_xmit_frame} on the
 * sender sees the send path down from {@code dev_queue_xmit}; on the receiver the frame comes up
 * from the NIC's interrupt through NAPI ({@code e1000_clean -> e1000_clean_rx_irq}) to
 * {@code netif_receive_skb}. Each session's probes fire only on its own host.
 */
class E1000ProbesTest {
    private static final int ETH_P_TEST = 0x88B5;
    /** Prints the probed function's kernel backtrace as names. */
    private static final String NAMES = """
              printf("%s:", ppfunc()); a = tokenize(backtrace(), " ")
              while (a != "") { printf(" %s", symname(strtol(a, 16))); a = tokenize("", " ") }
              println("")
            """;

    private static CompiledScript compile(String script) throws Exception {
        return new Driver(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream(), true))
                .compile(Options.of(new SourceFile("<input>", script), List.of()));
    }

    @Test
    void frameBetweenTwoHosts_sendPathAndReceivePath_asBacktracesShowThem() throws Exception {
        CompiledScript sender = compile("""
                probe kernel.function("e1000_xmit_frame") {
                """ + NAMES + """
                }
                probe kernel.trace("net_dev_xmit") { printf("net_dev_xmit %s len %d rc %d\\n", $dev->name, $skb_len, $rc) }
                """);
        CompiledScript receiver = compile("""
                probe kernel.trace("netif_receive_skb") {
                  printf("netif_receive_skb %s len %d protocol 0x%x\\n", $skb->dev->name, $skb->len, $skb->protocol)
                }
                probe kernel.function("e1000_receive_skb") {
                """ + NAMES + """
                }
                probe kernel.function("e1000_xmit_frame") { println("host1 sent") }
                """);
        Cluster cluster = Cluster.boot(2, new KernelConfig(1, 64, 0, "init=/bin/sleep 100000"),
                Wire.Config.defaults().withDelay(20_000));
        try {
            Kernel h0 = cluster.host(0);
            Kernel h1 = cluster.host(1);
            for (Kernel k : cluster.hosts()) {
                k.net().dev().dev_open(k.net().dev().__dev_get_by_name("eth0"));
            }
            cluster.run_until(() -> false, cluster.now() + 50_000_000L);
            int[] got = {0};
            h1.net().rx().dev_add_pack(new PacketType(Byteorder.htons(ETH_P_TEST), null, "test_rcv",
                    (skb, dev, pt, orig) -> {
                        got[0]++;
                        h1.net().skb().consume_skb(skb);
                        return NetDevice.NET_RX_SUCCESS;
                    }));
            ByteArrayOutputStream out0 = new ByteArrayOutputStream();
            ByteArrayOutputStream out1 = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Staprun s0 = new Staprun(h0, "stap_host0", sender, new SessionOptions(out0, new PrintStream(err, true)));
            Staprun s1 = new Staprun(h1, "stap_host1", receiver, new SessionOptions(out1, new PrintStream(err, true)));
            assertEquals(0, s0.attach());
            assertEquals(0, s1.attach());
            NetDevice eth0 = h0.net().dev().__dev_get_by_name("eth0");
            byte[] dst = h1.net().dev().__dev_get_by_name("eth0").address();
            TaskStruct t = h0.kthread().kthread_run(() -> {
                SkBuff skb = h0.net().skb().alloc_skb(NetDevice.LL_RESERVED_SPACE(eth0) + 40, Gfp.GFP_KERNEL);
                SkBuff.skb_reserve(skb, NetDevice.LL_RESERVED_SPACE(eth0));
                h0.net().skb().skb_put_zero(skb, 40);
                skb.dev = eth0;
                NetDevice.dev_hard_header(skb, eth0, ETH_P_TEST, dst, null, skb.len);
                h0.net().xmit().dev_queue_xmit(skb);
            }, 0, "sender");
            assertTrue(cluster.run_until(() -> t.state() == TaskStruct.State.DEAD && got[0] == 1,
                    cluster.now() + 100_000_000L));
            assertEquals(0, s0.detach());
            assertEquals(0, s1.detach());
            assertEquals("e1000_xmit_frame: e1000_xmit_frame netdev_start_xmit xmit_one dev_hard_start_xmit"
                    + " sch_direct_xmit __dev_xmit_skb __dev_queue_xmit dev_queue_xmit task_body\n"
                    + "net_dev_xmit eth0 len 54 rc 0\n", out0.toString());
            // the kprobe on e1000_receive_skb fires at its entry, before eth_type_trans and the tracepoint;
            // host1's probe on e1000_xmit_frame never fired: host1 sent nothing
            assertEquals("e1000_receive_skb: e1000_receive_skb e1000_clean_rx_irq e1000_clean __napi_poll napi_poll"
                    + " net_rx_action __do_softirq irq_exit do_IRQ\n"
                    + "netif_receive_skb eth0 len 46 protocol 0xb588\n", out1.toString());
            assertEquals("", err.toString());
        } finally {
            cluster.kernel_power_off();
        }
    }
}
