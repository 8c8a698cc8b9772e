package org.jstap.sim;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.UserPrograms.console;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/**
 * Same workload and seed, same run: every context switch, syscall and exit at the same virtual
 * time on the same CPU, and the same console and dmesg, byte for byte.
 */
class DeterminismTest {
    private static final long US = 1_000;

    /** Boots, runs a many-process workload on 2 CPUs and returns everything observable, as text. */
    private static String runWorkload(long seed) {
        StringBuilder trace = new StringBuilder();
        Kernel k = Kernel.create(new KernelConfig(2, 64, seed, "init=/bin/t"));
        k.binfmt_java().register_program("t", cpu -> {
            Libc c = new Libc(cpu);
            long[] children = new long[6];
            for (int i = 0; i < children.length; i++) {
                int n = i;
                children[i] = c.fork(child -> {
                    Libc cc = new Libc(child);
                    for (int round = 0; round < 15; round++) {
                        child.compute((n + 1) * 700 * US + round * 13 * US);
                        cc.nanosleep((7 - n) * 300 * US);
                        if (n % 2 == 0 && round % 5 == 4) {
                            // a grandchild that lives briefly
                            cc.fork(g -> {
                                g.compute(50 * US);
                                return n;
                            });
                            cc.wait4(-1, new int[1], 0);
                        }
                    }
                    cc.write(1, "child " + n + " pid " + cc.getpid() + " done\n");
                    return n;
                });
            }
            c.kill(children[5], Signals.SIGTERM);
            int[] status = new int[1];
            long pid;
            while ((pid = c.wait4(-1, status, 0)) > 0) {
                c.write(1, "reaped " + pid + " status 0x" + Integer.toHexString(status[0]) + "\n");
            }
            c.write(1, "all reaped\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        });
        k.initramfs().add("/bin/t", org.jstap.sim.fs.BinfmtJava.executable("t"));
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("sched_switch"), args -> trace.append(
                String.format("%d cpu%d switch %s/%d -> %s/%d%n", k.timekeeping().ktime_get_ns(), k.smp_processor_id(),
                        ((TaskStruct) args[1]).comm(), ((TaskStruct) args[1]).pid, ((TaskStruct) args[2]).comm(),
                        ((TaskStruct) args[2]).pid)));
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("sys_enter"), args -> trace.append(
                String.format("%d cpu%d sys %d a0=%x%n", k.timekeeping().ktime_get_ns(), k.smp_processor_id(),
                        (Long) args[1], ((PtRegs) args[0]).a(0))));
        k.start_kernel();
        UserPrograms.runUntil(k, "all reaped");
        return trace + "--- console\n" + console(k) + "--- dmesg\n" + String.join("\n", k.printk().dmesg());
    }

    @Test
    void sameSeedAndWorkload_giveByteIdenticalRuns() {
        String first = runWorkload(42);
        String second = runWorkload(42);
        assertTrue(first.lines().count() > 300, "the workload should be busy: " + first.lines().count());
        assertTrue(first.contains("status 0xf\n"), "SIGTERM reaches child 5");
        List<String> a = first.lines().toList();
        List<String> b = second.lines().toList();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            assertEquals(a.get(i), b.get(i), "first difference at line " + (i + 1));
        }
        assertEquals(first, second);
    }
}
