package org.jstap.sim.fs.proc;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.UserPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** /proc/meminfo follows what programs do with memory. */
class MeminfoTest {
    private static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            assertTrue(line.matches("[A-Za-z_()]+:\\s+\\d+ kB"), line);
            String[] f = line.split(":\\s+");
            out.put(f[0], Long.parseLong(f[1].replace(" kB", "")));
        }
        return out;
    }

    @Test
    void anonPages_growByWhatAProgramTouches() {
        Kernel k = run(new KernelConfig(1, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "before\n");
            c.nanosleep(SECOND);
            long base = c.mmap(0, 256 * 4096, Mmap.PROT_READ | Mmap.PROT_WRITE, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS);
            for (int i = 0; i < 256; i++) {
                cpu.sb(base + i * 4096L, 1);
            }
            c.write(1, "after\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "before");
        Map<String, Long> before = parse(Meminfo.meminfo_proc_show(k));
        org.jstap.sim.UserPrograms.runUntil(k, "after");
        Map<String, Long> after = parse(Meminfo.meminfo_proc_show(k));
        assertEquals((64 - 4) * 1024L, after.get("MemTotal"), "64 MiB less the 4 MiB kernel image");
        assertEquals(1024L, after.get("AnonPages") - before.get("AnonPages"));
        assertTrue(before.get("MemFree") - after.get("MemFree") >= 1024, before + " -> " + after);
        assertTrue(after.get("PageTables") > 0 && after.get("Slab") > 0, after.toString());
    }
}
