package org.jstap.sim.kernel.fork;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.run;
import static org.jstap.sim.UserPrograms.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.mm.Slub;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** User processes through the trap entry: fork, exit, wait4, copy-on-write, bad pointers. */
class ProcessTest {
    private static Map<String, Long> slabObjects(Kernel k) {
        Map<String, Long> out = new HashMap<>();
        for (Slub.KmemCache c : k.slab().caches()) {
            out.put(c.name(), c.active_objs());
        }
        return out;
    }

    @Test
    void fork200_exitAndReap_leaveNoPidsPagesOrSlabObjects() {
        Kernel k = run(cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "ready\n");
            c.nanosleep(SECOND);
            for (int i = 0; i < 200; i++) {
                int code = i % 7;
                if (c.fork(child -> code) < 0) {
                    c.write(1, "fork failed\n");
                }
            }
            int[] status = new int[1];
            int reaped = 0;
            long sum = 0;
            while (c.wait4(-1, status, 0) > 0) {
                reaped++;
                sum += (status[0] >> 8) & 0xff;
            }
            c.write(1, "reaped " + reaped + " sum " + sum + "\n");
            c.nanosleep(SECOND);
            c.write(1, "done\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "ready");
        long pids = k.pid().nr_pids();
        long free = k.page_alloc().nr_free_pages();
        Map<String, Long> objects = slabObjects(k);
        runUntil(k, "reaped");
        long expectedSum = 0;
        for (int i = 0; i < 200; i++) {
            expectedSum += i % 7;
        }
        assertTrue(console(k).contains("reaped 200 sum " + expectedSum + "\n"), console(k));
        assertEquals(pids, k.pid().nr_pids());
        assertEquals(free, k.page_alloc().nr_free_pages());
        assertEquals(objects, slabObjects(k));
        assertTrue(k.fork().total_forks() >= 200);
    }

    @Test
    void cow_childWritesDoNotShowInParent() {
        Kernel k = run(cpu -> {
            Libc c = new Libc(cpu);
            long page = c.mmap(0, 4096, Mmap.PROT_READ | Mmap.PROT_WRITE, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS);
            cpu.sb(page, 'A');
            c.fork(child -> {
                child.sb(page, 'B');
                return child.lbu(page);
            });
            int[] status = new int[1];
            c.wait4(-1, status, 0);
            c.write(1, "child saw " + (char) ((status[0] >> 8) & 0xff) + ", parent sees " + (char) cpu.lbu(page)
                    + "\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "parent sees");
        assertTrue(console(k).contains("child saw B, parent sees A\n"), console(k));
    }

    @Test
    void badUserPointers_giveEfault() {
        Kernel k = run(cpu -> {
            Libc c = new Libc(cpu);
            long unmapped = cpu.ecall(64, 1, 0x5000_0000L, 10);
            long nullPage = cpu.ecall(64, 1, 0, 10);
            long kernelAddr = cpu.ecall(64, 1, 0xffff_ffd8_0000_0000L, 10);
            c.write(1, unmapped + " " + nullPage + " " + kernelAddr + "\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "\n");
        long efault = -Errno.EFAULT;
        assertEquals(efault + " " + efault + " " + efault + "\n", console(k));
    }

    @Test
    void segfault_killsTheChildWithSigsegvAndCore() {
        Kernel k = run(cpu -> {
            Libc c = new Libc(cpu);
            // ulimit -c unlimited: with the default RLIMIT_CORE of 0 no core is dumped (status 0xb)
            c.setrlimit(org.jstap.sim.kernel.Rlimit.RLIMIT_CORE, -1L, -1L);
            c.fork(child -> child.lbu(0x10));
            int[] status = new int[1];
            c.wait4(-1, status, 0);
            c.write(1, "status 0x" + Integer.toHexString(status[0]) + "\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "status");
        // WTERMSIG 11 with WCOREDUMP
        assertTrue(console(k).contains("status 0x8b\n"), console(k));
    }

    @Test
    void unknownSyscall_isEnosys() {
        Kernel k = run(cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, cpu.ecall(449 + 1) + " " + cpu.ecall(-1) + "\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "\n");
        assertEquals(-Errno.ENOSYS + " " + -Errno.ENOSYS + "\n", console(k));
    }
}
