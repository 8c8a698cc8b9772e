package org.jstap.sim.mm;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** Running out of RAM: the biggest process dies, the others and the kernel go on. */
class OomKillTest {
    private static final int PAGE = 4096;

    /** Touches {@code pages} fresh anonymous pages; returns how many it touched. */
    private static long touch(UserMode cpu, long pages) {
        Libc c = new Libc(cpu);
        long base = c.mmap(0, pages * PAGE, Mmap.PROT_READ | Mmap.PROT_WRITE, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS);
        for (long i = 0; i < pages; i++) {
            cpu.sb(base + i * PAGE, 1);
        }
        return pages;
    }

    @Test
    void outOfMemory_killsTheBiggestProcess_andTheRestGoOn() {
        // 16 MiB: 4096 frames, 1024 of them the kernel image
        Kernel k = run(new KernelConfig(1, 16, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            long small = c.fork(child -> {
                touch(child, 256);
                new Libc(child).nanosleep(2 * SECOND);
                new Libc(child).write(1, "small survived\n");
                return 0;
            });
            long hog = c.fork(child -> {
                new Libc(child).nanosleep(SECOND / 10);
                touch(child, 100_000);
                new Libc(child).write(1, "hog finished\n");
                return 0;
            });
            int[] status = new int[1];
            StringBuilder report = new StringBuilder();
            for (int i = 0; i < 2; i++) {
                long pid = c.wait4(-1, status, 0);
                report.append(pid == hog ? "hog" : pid == small ? "small" : "?").append(" status 0x")
                        .append(Integer.toHexString(status[0])).append('\n');
            }
            c.write(1, report + "init done\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "init done");
        assertEquals("small survived\nhog status 0x9\nsmall status 0x0\ninit done\n", console(k));
        String dmesg = String.join("\n", k.printk().dmesg());
        assertTrue(dmesg.contains("t invoked oom-killer: gfp_mask=0xdca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0"),
                dmesg);
        assertTrue(dmesg.matches("(?s).*Out of memory: Killed process \\d+ \\(t\\) total-vm:400\\d\\d\\dkB, "
                + "anon-rss:\\d+kB.*"), dmesg);
        assertEquals(1, k.oom().kills());
    }

    @Test
    void oomScoreAdjMin_isNeverChosen() {
        Kernel k = run(new KernelConfig(1, 16, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "up\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "up");
        var init = k.pid().find_task_by_vpid(1);
        assertEquals(Long.MIN_VALUE, k.oom().oom_badness(init), "init is never a victim");
    }
}
