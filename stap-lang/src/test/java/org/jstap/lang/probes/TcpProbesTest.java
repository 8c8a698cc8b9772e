package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jstap.api.Machine;
import org.jstap.api.MachineConfig;
import org.jstap.api.ProbeSession;
import org.jstap.api.Script;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.net.core.DevIoctl;
import org.jstap.sim.net.core.Ifreq;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.ipv4.AfInet;
import org.jstap.sim.net.ipv4.In;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/**
 * Scripts on TCP: a kprobe on {@code tcp_sendmsg} counts the bytes a program wrote to a TCP
 * socket over lo; the inet_sock_set_state tracepoint shows both ends' state machines as bcc's
 * tcpstates does; and {@code backtrace()} in {@code e1000_xmit_frame} during a write(2) on a
 * connection between two hosts shows the whole send path from the syscall to the driver.
 */
class TcpProbesTest {
    /** lo up, a listener on 127.0.0.1:7777, a client connects, writes 100 and 23 bytes, the server reads them; both close. */
    static long loopback(UserMode cpu) {
        Libc c = new Libc(cpu);
        int d = (int) c.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        c.if_set_up(d, "lo", true);
        int l = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
        c.bind_inet(l, In.in_aton("127.0.0.1"), 7777);
        c.listen(l, 5);
        int s = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
        c.connect_inet(s, In.in_aton("127.0.0.1"), 7777);
        int a = (int) c.accept(l, 0, 0);
        long buf = c.push(128);
        c.write(s, buf, 100);
        c.write(s, buf, 23);
        long got = 0;
        while (got < 123) {
            got += c.read(a, buf, 128);
        }
        c.close(s);
        c.read(a, buf, 128);
        c.close(a);
        return 0;
    }

    @Test
    void tcpSendmsg_countsTheBytesWritten_andStatesChangeAsTcpstatesShows() {
        MachineConfig config = MachineConfig.defaults().withFile("/bin/tcplo", BinfmtJava.executable("tcplo"));
        try (Machine m = Machine.boot(config)) {
            m.kernel().binfmt_java().register_program("tcplo", TcpProbesTest::loopback);
            ProbeSession s = m.attach(Script.of("""
                    global bytes, calls
                    probe kernel.function("tcp_sendmsg") { if (pid() == target()) { bytes += $size; calls++ } }
                    probe kernel.trace("inet_sock_set_state") {
                        printf("%d->%d %s -> %s\\n", $sport, $dport, tcp_state($oldstate), tcp_state($newstate))
                    }
                    function tcp_state(s) {
                        return s == 1 ? "ESTABLISHED" : s == 2 ? "SYN_SENT" : s == 3 ? "SYN_RECV" : s == 4 ? "FIN_WAIT1"
                            : s == 5 ? "FIN_WAIT2" : s == 6 ? "TIME_WAIT" : s == 7 ? "CLOSE" : s == 8 ? "CLOSE_WAIT"
                            : s == 9 ? "LAST_ACK" : s == 10 ? "LISTEN" : s == 11 ? "CLOSING" : sprint(s)
                    }
                    probe end { printf("%d bytes in %d calls\\n", bytes, calls) }
                    """));
            m.run("exec tcplo");
            s.detach();
            List<String> lines = s.outputLines();
            String port = lines.get(2).substring(0, lines.get(2).indexOf("->"));
            // as on Linux: the port is chosen after SYN_SENT is entered (tcpstates shows LPORT 0), the
            // client completes first (the listener's child is made by the handshake's ACK), and the
            // ACK of the client's FIN is delayed (pingpong after FIN) and rides on the server's FIN
            assertEquals(List.of(
                    "7777->0 CLOSE -> LISTEN",
                    "0->7777 CLOSE -> SYN_SENT",
                    port + "->7777 SYN_SENT -> ESTABLISHED",
                    "7777->" + port + " LISTEN -> SYN_RECV",
                    "7777->" + port + " SYN_RECV -> ESTABLISHED",
                    port + "->7777 ESTABLISHED -> FIN_WAIT1",
                    "7777->" + port + " ESTABLISHED -> CLOSE_WAIT",
                    "7777->" + port + " CLOSE_WAIT -> LAST_ACK",
                    port + "->7777 FIN_WAIT1 -> FIN_WAIT2",
                    port + "->7777 FIN_WAIT2 -> CLOSE",
                    "7777->" + port + " LAST_ACK -> CLOSE",
                    "7777->0 LISTEN -> CLOSE",
                    "123 bytes in 2 calls"), lines);
        }
    }

    private static final long SECOND = 1_000_000_000L;

    /** host1: after configuration, connect to 10.0.0.1:80 and write 1000 bytes. */
    static long client(UserMode cpu) {
        Libc c = new Libc(cpu);
        c.nanosleep(2 * SECOND);
        int s = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
        c.connect_inet(s, In.in_aton("10.0.0.1"), 80);
        long buf = c.mmap(0, 4096, 3, 0x22);
        c.write(s, buf, 1000);
        c.write(1, "client done\n");
        c.nanosleep(SECOND);
        c.close(s);
        return 0;
    }

    /** host0: a listener on :80 that reads one connection to EOF. */
    static long server(UserMode cpu) {
        Libc c = new Libc(cpu);
        c.nanosleep(SECOND);
        int l = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
        c.bind_inet(l, 0, 80);
        c.listen(l, 5);
        int a = (int) c.accept(l, 0, 0);
        long buf = c.mmap(0, 4096, 3, 0x22);
        long total = 0;
        long r;
        while ((r = c.read(a, buf, 4096)) > 0) {
            total += r;
        }
        c.write(1, "server got " + total + "\n");
        return 0;
    }

    @Test
    void backtraceInE1000XmitFrame_duringWrite_showsTheWholeSendPath() throws Exception {
        CompiledScript script = new Driver(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream(), true))
                .compile(Options.of(new SourceFile("<input>", """
                        global done
                        probe kernel.function("e1000_xmit_frame") {
                          if (!done && execname() == "t") {
                            path = ""; a = tokenize(backtrace(), " ")
                            while (a != "") { path .= " " . symname(strtol(a, 16)); a = tokenize("", " ") }
                            if (isinstr(path, "tcp_sendmsg")) { println(path); done = 1 }
                          }
                        }
                        """), List.of()));
        Cluster cluster = Cluster.create(2, new KernelConfig(1, 64, 0, "init=/bin/t"), Wire.Config.defaults().withDelay(20_000));
        try {
            for (int i = 0; i < 2; i++) {
                Kernel k = cluster.host(i);
                k.binfmt_java().register_program("t", i == 0 ? TcpProbesTest::server : TcpProbesTest::client);
                k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
            }
            cluster.start_kernels();
            for (int i = 0; i < 2; i++) {
                Kernel k = cluster.host(i);
                int host = i + 1;
                TaskStruct t = k.kthread().kthread_run(() -> {
                    Ifreq ifr = Ifreq.named("eth0");
                    ifr.set_sockaddr_in(In.in_aton("10.0.0." + host));
                    k.net().ipv4().devinet().devinet_ioctl(AfInet.SIOCSIFADDR, ifr);
                    ifr = Ifreq.named("eth0");
                    ifr.set_sockaddr_in(In.in_aton("255.255.255.0"));
                    k.net().ipv4().devinet().devinet_ioctl(AfInet.SIOCSIFNETMASK, ifr);
                    ifr = Ifreq.named("eth0");
                    ifr.set_flags(NetDevice.IFF_UP | NetDevice.IFF_BROADCAST);
                    k.net().ipv4().devinet().devinet_ioctl(DevIoctl.SIOCSIFFLAGS, ifr);
                }, 0, "config");
                assertTrue(cluster.run_until(() -> t.state() == TaskStruct.State.DEAD, cluster.now() + SECOND));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Kernel h1 = cluster.host(1);
            Staprun s = new Staprun(h1, "stap_tcp", script, new SessionOptions(out, new PrintStream(err, true)));
            assertEquals(0, s.attach());
            Kernel h0 = cluster.host(0);
            assertTrue(cluster.run_until(() -> console(h0).contains("server got"), cluster.now() + 20 * SECOND),
                    console(h0) + console(h1));
            assertEquals(0, s.detach());
            assertTrue(console(h0).contains("server got 1000"), console(h0));
            String path = out.toString().strip();
            String[] order = {"e1000_xmit_frame", "dev_hard_start_xmit", "dev_queue_xmit", "neigh_output",
                "ip_finish_output2", "ip_output", "ip_local_out", "ip_queue_xmit", "tcp_transmit_skb", "tcp_write_xmit",
                "tcp_sendmsg_locked", "tcp_sendmsg", "inet_sendmsg"};
            int at = -1;
            for (String f : order) {
                int i = (" " + path + " ").indexOf(" " + f + " ", at + 1);
                assertTrue(i > at, f + " after the previous frame in: " + path);
                at = i;
            }
            assertEquals("", err.toString());
        } finally {
            cluster.kernel_power_off();
        }
    }

    private static String console(Kernel k) {
        return new String(k.console().output(), StandardCharsets.ISO_8859_1);
    }
}
