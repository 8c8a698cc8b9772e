package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/** arch/riscv/kernel/cpu.c: /proc/cpuinfo, one block per online hart, in RISC-V's layout. */
@LinuxFile("arch/riscv/kernel/cpu.c")
public final class Cpuinfo {
    private Cpuinfo() {}

    public static String show_cpuinfo(Kernel kernel) {
        StringBuilder m = new StringBuilder();
        for (int cpu = 0; cpu < kernel.config().cpus(); cpu++) {
            if (!kernel.sched().cpu_online(cpu)) {
                continue;
            }
            m.append("processor\t: ").append(cpu).append('\n');
            m.append("hart\t\t: ").append(cpu).append('\n');
            m.append("isa\t\t: rv64imafdc\n");
            m.append("mmu\t\t: sv39\n");
            m.append("uarch\t\t: jstap,sim\n");
            m.append("mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\n\n");
        }
        return m.toString();
    }
}
