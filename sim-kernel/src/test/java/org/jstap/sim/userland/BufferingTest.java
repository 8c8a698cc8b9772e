package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.junit.jupiter.api.Test;

/** Programs make as few system calls as stdio would: counted at raw_syscalls/sys_enter. */
class BufferingTest {
    /** Runs {@code sh -c cmd} and counts each program's write(2) calls, by comm. */
    private static Map<String, Integer> writes(String cmd) {
        Kernel k = Kernel.create(new KernelConfig(2, 64, 0, "init=/bin/t"));
        k.binfmt_java().register_program("t", cpu -> {
            Libc c = new Libc(cpu);
            c.fork(child -> {
                new Libc(child).execve("/bin/sh", List.of("sh", "-c", cmd), List.of("PATH=/bin"));
                return 127;
            });
            c.wait4(-1, new int[1], 0);
            c.write(1, "[done]\n");
            c.nanosleep(3600 * UserPrograms.SECOND);
            return 0;
        });
        k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        Map<String, Integer> counts = new TreeMap<>();
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("sys_enter"), args -> {
            if ((Long) args[1] == SyscallTable.__NR_write) {
                counts.merge(k.sched().current().comm(), 1, Integer::sum);
            }
        });
        k.start_kernel();
        UserPrograms.runUntil(k, "[done]");
        k.kernel_power_off();
        return counts;
    }

    @Test
    void toAFile_oneWritePer4KiB() {
        // seq 3000 prints 13893 bytes: four buffers; sort the same; cat copies through its 64 KiB buffer
        Map<String, Integer> w = writes("seq 3000 > /tmp/s; sort -n /tmp/s > /tmp/t; cat /tmp/t > /tmp/u");
        assertEquals(4, w.get("seq"));
        assertEquals(4, w.get("sort"));
        assertEquals(1, w.get("cat"));
    }

    @Test
    void onTheTerminal_oneWritePerLine() {
        Map<String, Integer> w = writes("seq 5; echo a b c");
        assertEquals(5, w.get("seq"));
        assertEquals(1, w.get("echo"));
    }
}
