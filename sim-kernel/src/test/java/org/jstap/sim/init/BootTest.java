package org.jstap.sim.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.Params;
import org.junit.jupiter.api.Test;

/** init/main.c: the command line, its {@code __setup} handlers, and the initcall levels. */
class BootTest {

    private static Kernel boot(String cmdline) {
        return Kernel.boot(new KernelConfig(2, 128, 0, cmdline));
    }

    private static List<String> messages(Kernel k) {
        return k.printk().records().stream().map(r -> r.text()).toList();
    }

    @Test
    void initcallDebug_namesEveryLevelInOrder_andEachCallWithItsResult() {
        List<String> log = messages(boot("initcall_debug"));
        List<String> levels = log.stream().filter(m -> m.startsWith("initcall level ")).toList();
        assertEquals(List.of("initcall level early", "initcall level pure", "initcall level core",
                "initcall level postcore", "initcall level arch", "initcall level subsys", "initcall level fs",
                "initcall level device", "initcall level late"), levels);
        int core = log.indexOf("initcall level core");
        assertEquals("calling  init_jiffies_clocksource+0x0/0x100 @ 1", log.get(core + 1));
        assertTrue(log.get(core + 3).matches("initcall init_jiffies_clocksource\\+0x0/0x100 returned 0 after \\d+ usecs"),
                log.get(core + 3));
    }

    @Test
    void withoutInitcallDebug_theLevelsRunQuietly() {
        List<String> log = messages(boot(""));
        assertTrue(log.stream().noneMatch(m -> m.startsWith("initcall") || m.startsWith("calling")), log.toString());
    }

    @Test
    void theFsLevel_switchesToTheBestClocksource() {
        Kernel k = boot("");
        List<String> log = messages(k);
        assertTrue(log.contains("clocksource: Switched to clocksource riscv_clocksource"), log.toString());
        assertTrue(log.indexOf("clocksource: jiffies: mask: 0xffffffff")
                > log.indexOf("clocksource: riscv_clocksource: mask: 0xffffffffffffffff"), log.toString());
        assertEquals("riscv_clocksource", k.clocksource().current().name());
    }

    @Test
    void setupHandlers_takeTheirParameters_andTheRestGoToInit() {
        Kernel k = boot("console=ttyS0 root=/dev/vda init=/bin/sh single LANG=C mod.debug=1 -- -x \"a b\"");
        assertEquals("/bin/sh", k.init().execute_command());
        assertEquals("/dev/vda", k.init().root_device());
        assertEquals("ttyS0", k.init().console_name());
        assertEquals(List.of("single", "-x", "a b"), k.init().argv_init());
        assertEquals(List.of("LANG=C"), k.init().envp_init());
        assertTrue(messages(k).contains(
                "Unknown kernel command line parameters \"single LANG=C\", will be passed to user space."),
                messages(k).toString());
    }

    @Test
    void aPlainCommandLine_hasNothingUnknown() {
        Kernel k = boot(KernelConfig.defaults().cmdline());
        assertNull(k.init().execute_command());
        assertTrue(messages(k).stream().noneMatch(m -> m.startsWith("Unknown kernel command line")));
    }

    @Test
    void parseArgs_keepsQuotedSpaces_andSplitsAtTheFirstEquals() {
        List<String> parsed = new ArrayList<>();
        for (Params.Param p : Params.parse_args("  a=\"x y\"  b==c d  ")) {
            parsed.add(p.name() + "|" + p.value());
        }
        assertEquals(List.of("a|x y", "b|=c", "d|null"), parsed);
    }

    @Test
    void initcallTracepoints_seeEveryLevelAndCall() {
        Kernel k = Kernel.create(new KernelConfig(1, 128, 0, ""));
        List<String> seen = new ArrayList<>();
        k.tracepoints().tracepoint_probe_register(org.jstap.sim.kernel.trace.Tracepoints.id("initcall_level"),
                args -> seen.add("level " + args[0]));
        k.tracepoints().tracepoint_probe_register(org.jstap.sim.kernel.trace.Tracepoints.id("initcall_finish"),
                args -> seen.add(args[0] + " -> " + args[1]));
        k.start_kernel();
        assertEquals(List.of("level early", "spawn_ksoftirqd -> 0", "level pure", "level core", "init_jiffies_clocksource -> 0",
                "sock_init -> 0", "init_elf_binfmt -> 0", "level postcore", "level arch", "level subsys", "net_dev_init -> 0", "level fs",
                "clocksource_done_booting -> 0", "init_java_binfmt -> 0", "init_script_binfmt -> 0", "chr_dev_init -> 0",
                "proc_root_init -> 0", "init_ext2_fs -> 0", "init_hostfs -> 0", "inet_init -> 0", "af_unix_init -> 0", "populate_rootfs -> 0",
                "level device", "serial8250_init -> 0", "goldfish_rtc_probe -> 0",
                "virtio_blk_init -> 0", "e1000_init_module -> 0", "tty_init -> 0", "level late", "rtc_hctosys -> 0",
                "ip_auto_config -> 0"), seen);
    }

    @Test
    void maxcpus_leavesTheOtherCpusOffline() {
        Kernel k = Kernel.boot(new KernelConfig(4, 64, 0, "maxcpus=1"));
        String dmesg = String.join("\n", k.printk().dmesg());
        assertTrue(dmesg.contains("smp: Brought up 1 node, 1 CPU\n"), dmesg);
        java.util.List<Integer> cpus = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            org.jstap.sim.kernel.sched.TaskStruct t = k.kthread().kthread_run(() -> k.sched().charge(1_000), i, "w" + i);
            cpus.add(t.cpu());
        }
        k.run_until(() -> false, k.hardware().now() + 100_000_000L);
        assertEquals(java.util.List.of(0, 0, 0, 0), cpus);
        String interrupts = k.irq().proc_interrupts();
        assertTrue(interrupts.lines().anyMatch(l -> l.matches("\\s+5:\\s+\\d{2,}\\s+0\\s+0\\s+0\\s+RISC-V INTC\\s+riscv-timer")),
                interrupts);
        assertEquals(null, k.softirq().ksoftirqd(1));
    }
}
