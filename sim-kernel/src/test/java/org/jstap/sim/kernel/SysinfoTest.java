package org.jstap.sim.kernel;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.kernel.time.PosixTimers;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** sysinfo(2), as LTP's sysinfo01-03 check it, with the riscv64 layout of struct sysinfo. */
class SysinfoTest {
    private static final int SIZE = 112;

    /** struct sysinfo at {@code buf}, by field name. */
    private static Map<String, Long> sysinfo(UserMode cpu, long buf) {
        Map<String, Long> f = new HashMap<>();
        String[] longs = {"uptime", "load1", "load5", "load15", "totalram", "freeram", "sharedram", "bufferram",
            "totalswap", "freeswap"};
        for (int i = 0; i < longs.length; i++) {
            f.put(longs[i], cpu.ld(buf + 8L * i));
        }
        f.put("procs", (long) (cpu.lbu(buf + 80) | cpu.lbu(buf + 81) << 8));
        f.put("totalhigh", cpu.ld(buf + 88));
        f.put("freehigh", cpu.ld(buf + 96));
        f.put("mem_unit", cpu.ld(buf + 104) & 0xffff_ffffL);
        return f;
    }

    private static Map<String, Long> parse(String console, String tag) {
        Map<String, Long> out = new HashMap<>();
        for (String line : console.lines().toList()) {
            if (line.startsWith(tag + " ")) {
                String[] kv = line.substring(tag.length() + 1).split("=");
                out.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return out;
    }

    private static void print(Libc c, String tag, Map<String, Long> f) {
        f.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> c.write(1, tag + " " + e.getKey() + "=" + e.getValue() + "\n"));
    }

    @Test
    void sysinfo_reportsMemoryInBytesAndTheTaskCount() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(SIZE);
            Ltp.pass(c, "sysinfo(&info)", c.sysinfo(buf));
            print(c, "si", sysinfo(cpu, buf));
            return 0;
        });
        String out = UserPrograms.console(k);
        Ltp.assertAllPass(out, 1);
        Map<String, Long> si = parse(out, "si");
        assertEquals(1, si.get("mem_unit"));
        assertEquals(k.page_alloc().totalram_pages() * 4096, si.get("totalram"));
        long free = si.get("freeram");
        assertTrue(free > 0 && free < si.get("totalram") && free % 4096 == 0, out);
        assertEquals(0, si.get("sharedram"));
        assertEquals(0, si.get("bufferram"));
        assertEquals(0, si.get("totalswap"));
        assertEquals(0, si.get("freeswap"));
        assertEquals(0, si.get("totalhigh"));
        assertEquals(0, si.get("freehigh"));
        // the machine is idle: init, kthreadd, ksoftirqd/N, kworker/N:0 ...
        assertEquals(k.pid().tasks().size(), si.get("procs"));
        assertTrue(si.get("procs") >= 5, out);
    }

    @Test
    void sysinfo_uptime_isBoottimeRoundedUp() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.nanosleep(3 * SECOND);
            long boot = c.clock_gettime_ns(PosixTimers.CLOCK_BOOTTIME);
            long buf = c.push(SIZE);
            c.sysinfo(buf);
            long uptime = sysinfo(cpu, buf).get("uptime");
            Ltp.eq(c, "uptime (boottime " + boot + " ns)", uptime, (boot + SECOND - 1) / SECOND);
            Ltp.eq(c, "uptime after 3 s of sleep", uptime, 4);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void sysinfo_followsMemoryUseAndNewTasks() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(SIZE);
            c.sysinfo(buf);
            Map<String, Long> before = sysinfo(cpu, buf);
            long priv = c.mmap(0, 100 * 4096, Mmap.PROT_READ | Mmap.PROT_WRITE, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS);
            long shared = c.mmap(0, 3 * 4096, Mmap.PROT_READ | Mmap.PROT_WRITE, Mmap.MAP_SHARED | Mmap.MAP_ANONYMOUS);
            for (int i = 0; i < 100; i++) {
                cpu.sb(priv + 4096L * i, 1);
            }
            for (int i = 0; i < 3; i++) {
                cpu.sb(shared + 4096L * i, 1);
            }
            long child = c.fork(ch -> {
                new Libc(ch).nanosleep(3600 * SECOND);
                return 0;
            });
            c.sysinfo(buf);
            Map<String, Long> after = sysinfo(cpu, buf);
            Ltp.expr(c, "freeram fell by at least 103 pages",
                    before.get("freeram") - after.get("freeram") >= 103 * 4096);
            Ltp.eq(c, "sharedram", after.get("sharedram"), 3 * 4096);
            Ltp.eq(c, "procs after fork", after.get("procs"), before.get("procs") + 1);
            Ltp.eq(c, "totalram unchanged", after.get("totalram"), before.get("totalram"));
            c.kill(child, 9);
            c.wait4(child, null, 0);
            c.munmap(shared, 3 * 4096);
            c.sysinfo(buf);
            Ltp.eq(c, "sharedram after munmap", sysinfo(cpu, buf).get("sharedram"), 0);
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }

    @Test
    void sysinfo_badPointer_isEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "sysinfo(NULL)", c.sysinfo(0), Errno.EFAULT);
            Ltp.fail(c, "sysinfo(0x1)", c.sysinfo(1), Errno.EFAULT);
            Ltp.fail(c, "sysinfo(unmapped)", c.sysinfo(0x5000_0000L), Errno.EFAULT);
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }
}
