package org.jstap.sim.fs.proc;

import static org.jstap.sim.UserPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** procfs from a user program: init reads /proc through syscalls, the tests check what it saw. */
class ProcFsTest {
    private static final Map<String, String> seen = new LinkedHashMap<>();
    private static Kernel kernel;

    static long str(Libc c, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        long a = c.push(b.length);
        c.cpu().write(a, b, 0, b.length);
        return a;
    }

    /** The whole file, or "E<errno>". */
    static String cat(UserMode cpu, String path) {
        Libc c = new Libc(cpu);
        long fd = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, path), Fcntl.O_RDONLY, 0);
        if (fd < 0) {
            return "E" + (-fd);
        }
        StringBuilder out = new StringBuilder();
        long buf = c.push(100);
        while (true) {
            // small reads: the snapshot taken at open must hold across them
            long n = cpu.ecall(SyscallTable.__NR_read, fd, buf, 100);
            if (n <= 0) {
                break;
            }
            byte[] b = new byte[(int) n];
            cpu.read(buf, b, 0, (int) n);
            out.append(new String(b, StandardCharsets.ISO_8859_1));
        }
        cpu.ecall(SyscallTable.__NR_close, fd);
        return out.toString();
    }

    static String readlink(UserMode cpu, String path) {
        Libc c = new Libc(cpu);
        long buf = c.push(256);
        long n = cpu.ecall(SyscallTable.__NR_readlinkat, Fcntl.AT_FDCWD, str(c, path), buf, 256);
        if (n < 0) {
            return "E" + (-n);
        }
        byte[] b = new byte[(int) n];
        cpu.read(buf, b, 0, (int) n);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** getdents64 with a small buffer (several calls), the names joined by blanks. */
    static String ls(UserMode cpu, String path) {
        Libc c = new Libc(cpu);
        long fd = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, path),
                Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (fd < 0) {
            return "E" + (-fd);
        }
        List<String> names = new ArrayList<>();
        long buf = c.push(128);
        while (true) {
            long n = cpu.ecall(SyscallTable.__NR_getdents64, fd, buf, 128);
            if (n <= 0) {
                break;
            }
            byte[] b = new byte[(int) n];
            cpu.read(buf, b, 0, (int) n);
            for (int off = 0; off < n;) {
                int reclen = (b[off + 16] & 0xff) | (b[off + 17] & 0xff) << 8;
                int end = off + 19;
                while (b[end] != 0) {
                    end++;
                }
                names.add(new String(b, off + 19, end - off - 19, StandardCharsets.ISO_8859_1));
                off += reclen;
            }
        }
        cpu.ecall(SyscallTable.__NR_close, fd);
        return String.join(" ", names);
    }

    static long write(UserMode cpu, String path, String text) {
        Libc c = new Libc(cpu);
        long fd = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, path), Fcntl.O_WRONLY, 0);
        if (fd < 0) {
            return fd;
        }
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        long a = c.push(b.length);
        cpu.write(a, b, 0, b.length);
        long r = cpu.ecall(SyscallTable.__NR_write, fd, a, b.length);
        cpu.ecall(SyscallTable.__NR_close, fd);
        return r;
    }

    @BeforeAll
    static void boot() {
        kernel = run(cpu -> {
            for (String f : new String[] {"/proc/self/status", "/proc/self/stat", "/proc/self/statm",
                "/proc/self/cmdline", "/proc/self/comm", "/proc/self/maps", "/proc/meminfo", "/proc/uptime",
                "/proc/mounts", "/proc/loadavg", "/proc/stat", "/proc/version", "/proc/cpuinfo",
                "/proc/filesystems", "/proc/sys/kernel/ostype", "/proc/sys/kernel/osrelease",
                "/proc/sys/kernel/hostname", "/proc/99999/status", "/proc/self/nope", "/proc/1/oom_score_adj",
                "/proc/self/fdinfo/0"}) {
                seen.put(f, cat(cpu, f));
            }
            seen.put("ls /proc/self/fd", ls(cpu, "/proc/self/fd"));
            seen.put("ls /proc", ls(cpu, "/proc"));
            seen.put("ls /proc/self", ls(cpu, "/proc/self"));
            for (String l : new String[] {"/proc/self", "/proc/self/fd/0", "/proc/self/exe", "/proc/self/cwd",
                "/proc/mounts"}) {
                seen.put("readlink " + l, readlink(cpu, l));
            }
            seen.put("write meminfo", Long.toString(write(cpu, "/proc/meminfo", "x")));
            seen.put("write oom 500", Long.toString(write(cpu, "/proc/self/oom_score_adj", "500\n")));
            seen.put("oom after", cat(cpu, "/proc/self/oom_score_adj"));
            seen.put("write oom 2000", Long.toString(write(cpu, "/proc/self/oom_score_adj", "2000")));
            seen.put("write oom junk", Long.toString(write(cpu, "/proc/self/oom_score_adj", "x1")));
            new Libc(cpu).write(1, "done\n");
            return 0;
        }, "done");
    }

    @AfterAll
    static void off() {
        kernel.kernel_power_off();
    }

    @Test
    void status_hasLinuxFieldsInOrder() {
        String s = seen.get("/proc/self/status");
        List<String> keys = s.lines().map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid",
                "FDSize", "Groups", "NStgid", "NSpid", "NSpgid", "NSsid", "VmPeak", "VmSize", "VmLck", "VmPin",
                "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE",
                "VmSwap", "CoreDumping", "THP_enabled", "Threads", "SigQ", "SigPnd", "ShdPnd", "SigBlk", "SigIgn",
                "SigCgt", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp",
                "Seccomp_filters", "Speculation_Store_Bypass", "SpeculationIndirectBranch", "Cpus_allowed",
                "Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list", "voluntary_ctxt_switches",
                "nonvoluntary_ctxt_switches"), keys);
        assertTrue(s.startsWith("Name:\tt\nUmask:\t0022\nState:\tR (running)\nTgid:\t1\nNgid:\t0\nPid:\t1\n"
                + "PPid:\t0\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t"), s);
        assertTrue(s.contains("\nGroups:\t \n"), s);
        assertTrue(s.matches("(?s).*\nVmSize:\t {0,7}\\d{1,8} kB\n.*"), s);
        assertTrue(s.matches("(?s).*\nSigPnd:\t[0-9a-f]{16}\nShdPnd:\t[0-9a-f]{16}\nSigBlk:\t[0-9a-f]{16}\n"
                + "SigIgn:\t[0-9a-f]{16}\nSigCgt:\t[0-9a-f]{16}\n.*"), s);
        assertTrue(s.contains("\nThreads:\t1\n"), s);
        assertTrue(s.contains("\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n"), s);
        assertTrue(s.matches("(?s).*\nvoluntary_ctxt_switches:\t\\d+\nnonvoluntary_ctxt_switches:\t\\d+\n"), s);
    }

    @Test
    void stat_has52FieldsInLinuxFormat() {
        String s = seen.get("/proc/self/stat");
        assertTrue(s.endsWith("\n"), s);
        assertTrue(s.startsWith("1 (t) R 0 "), s);
        String[] f = s.strip().split(" ");
        assertEquals(52, f.length, s);
        for (int i = 3; i < f.length; i++) {
            assertTrue(f[i].matches("-?\\d+"), i + ": " + s);
        }
        assertEquals("18446744073709551615", f[24], "rsslim");
        assertEquals("20", f[17], "priority");
    }

    @Test
    void cmdline_isArgvNulSeparated() {
        assertEquals("/bin/t\0", seen.get("/proc/self/cmdline"));
        assertEquals("t\n", seen.get("/proc/self/comm"));
    }

    @Test
    void fd_listsOpenDescriptorsAsMagicLinks() {
        // 0-2 are the console, 3 the directory being listed
        assertEquals(". .. 0 1 2 3", seen.get("ls /proc/self/fd"));
        assertEquals("/dev/console", seen.get("readlink /proc/self/fd/0"));
        assertEquals("/bin/t", seen.get("readlink /proc/self/exe"));
        assertEquals("/", seen.get("readlink /proc/self/cwd"));
        assertEquals("1", seen.get("readlink /proc/self"));
        assertEquals("self/mounts", seen.get("readlink /proc/mounts"));
        assertTrue(seen.get("/proc/self/fdinfo/0").matches("pos:\t\\d+\nflags:\t0[0-7]+\nmnt_id:\t\\d+\nino:\t\\d+\n"),
                seen.get("/proc/self/fdinfo/0"));
    }

    @Test
    void readdir_listsFixedEntriesThenPidsInOrder() {
        List<String> names = List.of(seen.get("ls /proc").split(" "));
        assertEquals(List.of(".", ".."), names.subList(0, 2));
        assertTrue(names.containsAll(List.of("self", "meminfo", "uptime", "mounts", "sys", "1", "2")), names.toString());
        List<Integer> pids = names.stream().filter(n -> n.matches("\\d+")).map(Integer::parseInt).toList();
        assertEquals(pids.stream().sorted().toList(), pids);
        assertTrue(names.indexOf("1") > names.indexOf("self"), names.toString());
        assertTrue(seen.get("ls /proc/self").startsWith(". .. fd fdinfo net environ status comm cmdline stat"),
                seen.get("ls /proc/self"));
    }

    @Test
    void systemFiles_haveLinuxFormats() {
        assertTrue(seen.get("/proc/meminfo").startsWith("MemTotal:"), seen.get("/proc/meminfo"));
        assertTrue(seen.get("/proc/uptime").matches("\\d+\\.\\d\\d \\d+\\.\\d\\d\n"), seen.get("/proc/uptime"));
        assertTrue(seen.get("/proc/loadavg").matches("(\\d+\\.\\d\\d ){3}\\d+/\\d+ \\d+\n"), seen.get("/proc/loadavg"));
        String mounts = seen.get("/proc/mounts");
        assertTrue(mounts.startsWith("rootfs / rootfs rw 0 0\n"), mounts);
        assertTrue(mounts.contains("\nproc /proc proc rw 0 0\n"), mounts);
        String stat = seen.get("/proc/stat");
        assertTrue(stat.matches("(?s)cpu  \\d+ 0 \\d+ \\d+ 0 0 0 0 0 0\ncpu0 .*\ncpu1 .*\nintr \\d+.*\nctxt \\d+\n"
                + "btime \\d+\nprocesses \\d+\nprocs_running \\d+\nprocs_blocked \\d+\nsoftirq( \\d+){11}\n"), stat);
        assertEquals(Version.LINUX_BANNER + "\n", seen.get("/proc/version"));
        assertTrue(seen.get("/proc/cpuinfo").startsWith("processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc\nmmu\t\t: sv39\n"),
                seen.get("/proc/cpuinfo"));
        assertTrue(seen.get("/proc/filesystems").contains("nodev\tproc\n"));
        assertEquals("Linux\n", seen.get("/proc/sys/kernel/ostype"));
        assertEquals("6.1.0-jstap\n", seen.get("/proc/sys/kernel/osrelease"));
        assertEquals("jstap\n", seen.get("/proc/sys/kernel/hostname"));
    }

    @Test
    void maps_showsMappingsAsLinuxPrintsThem() {
        String maps = seen.get("/proc/self/maps");
        for (String line : maps.lines().toList()) {
            assertTrue(line.matches("[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \\d+ "
                    + "( *\\S.*)?"), line);
        }
        assertTrue(maps.matches("(?s).*\n[0-9a-f]+-[0-9a-f]+ rw-p 00000000 00:00 0 {20,}\\[stack\\]\n.*"), maps);
        assertTrue(maps.contains("[vdso]"), maps);
        String text = maps.lines().findFirst().orElseThrow();
        assertEquals(73, text.indexOf("/bin/t"), text);
    }

    @Test
    void errors_areLinuxErrnos() {
        assertEquals("E" + Errno.ENOENT, seen.get("/proc/99999/status"));
        assertEquals("E" + Errno.ENOENT, seen.get("/proc/self/nope"));
        assertEquals("-" + Errno.EACCES, seen.get("write meminfo"));
    }

    @Test
    void oomScoreAdj_writeParsesAndChecksRange() {
        assertEquals("0\n", seen.get("/proc/1/oom_score_adj"));
        assertEquals("4", seen.get("write oom 500"));
        assertEquals("500\n", seen.get("oom after"));
        assertEquals("-" + Errno.EINVAL, seen.get("write oom 2000"));
        assertEquals("-" + Errno.EINVAL, seen.get("write oom junk"));
    }
}
