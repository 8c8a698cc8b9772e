package org.jstap.sim.net.core;

import static org.jstap.sim.UserPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** /proc/net: Linux's layouts, read by a program through the VFS. */
class NetProcfsTest {
    private static final String HEADER = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls"
            + " carrier compressed\n";

    @Test
    void procNet_isSelfNet_andDevHasLinuxHeaderAndColumns() {
        Map<String, String> seen = new LinkedHashMap<>();
        run(cpu -> {
            seen.put("readlink", org.jstap.sim.fs.proc.ProcFsReader.readlink(cpu, "/proc/net"));
            seen.put("ls", org.jstap.sim.fs.proc.ProcFsReader.ls(cpu, "/proc/net"));
            seen.put("dev", org.jstap.sim.fs.proc.ProcFsReader.cat(cpu, "/proc/net/dev"));
            seen.put("self", org.jstap.sim.fs.proc.ProcFsReader.cat(cpu, "/proc/self/net/dev"));
            seen.put("1", org.jstap.sim.fs.proc.ProcFsReader.cat(cpu, "/proc/1/net/ptype"));
            new Libc(cpu).write(1, "done\n");
            return 0;
        }, "done");
        assertEquals("self/net", seen.get("readlink"));
        assertEquals(". .. dev softnet_stat ptype arp route udp tcp snmp unix", seen.get("ls"));
        String lo = "    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0"
                + "     0       0          0\n";
        assertEquals(HEADER + lo, seen.get("dev"));
        assertEquals(seen.get("dev"), seen.get("self"));
        assertEquals("Type Device      Function\n0800          ip_rcv\n0806          arp_rcv\n", seen.get("1"));
    }

    @Test
    void dev_showsEachDevicesCounters_driverAndCore() {
        Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, ""));
        Net net = k.net();
        java.util.List<String> log = new java.util.ArrayList<>();
        TestNic nic = new TestNic(k, 64, log);
        net.dev().register_netdev(nic.dev);
        net.dev().dev_open(nic.dev);
        net.dev().dev_open(net.loopback_dev);
        TaskStruct t = k.kthread().kthread_run(() -> {
            for (int i = 0; i < 3; i++) {
                // nobody handles ETH_P_TEST: lo counts the packets and the core their drops
                SkBuff skb = nic.frame("12345", 0);
                skb.dev = net.loopback_dev;
                net.xmit().dev_queue_xmit(skb);
            }
            net.xmit().dev_queue_xmit(nic.frame("to the wire", 0));
        }, 0, "sender");
        k.run_until(() -> t.state() == TaskStruct.State.DEAD, k.hardware().now() + 10_000_000);
        nic.dev.stats.rx_crc_errors = 2;
        nic.dev.stats.rx_frame_errors = 1;
        nic.dev.stats.collisions = 7;
        assertEquals(HEADER
                + "    lo:      15       3    0    3    0     0          0         0       15       3    0    0    0"
                + "     0       0          0\n"
                + "  eth0:       0       0    0    0    0     3          0         0       25       1    0    0    0"
                + "     7       0          0\n", net.procfs().dev_seq_show());
    }
}
