package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every program of the C userland against qemu-riscv64 -strace (Debian's qemu-user): the same
 * stdout, exit status, and syscall sequence (names and results) when its stdout is a pipe.
 * Results that name this machine rather than the program are compared by meaning: process and
 * thread ids, readlinkat("/proc/self/exe")'s length, which is the length of where the file is,
 * and rt_sigreturn, whose "result" is the interrupted code's a0. One known difference is qemu's, not Linux's: qemu-user does not implement
 * set_robust_list (ENOSYS); Linux, and this kernel, return 0. Skipped without qemu.
 */
class ElfProgramsTest {
    /** A syscall as both sides report it, by the process that made it. */
    record Call(int pid, String name, long result) {
        @Override
        public String toString() {
            return name + " = " + result;
        }
    }

    /** What a run gave: stdout, the wait status's exit code, the calls. */
    record Run(String stdout, int exit, List<Call> calls) {}

    @TestFactory
    List<DynamicTest> program_matchesQemu() {
        return ElfPrograms.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> compare(name))).toList();
    }

    private static void compare(String name) throws Exception {
        Path qemu = org.jstap.sim.HostPrograms.find("qemu-riscv64");
        Assumptions.assumeTrue(qemu != null, "qemu-riscv64 is not installed (apt-get install qemu-user): "
                + "the comparison with qemu -strace is skipped");
        Path dir = Files.createTempDirectory("elf");
        Path file = dir.resolve(name);
        try {
            Files.write(file, ElfPrograms.program(name));
            file.toFile().setExecutable(true);
            Run expected = under_qemu(qemu, file);
            Run actual = on_machine(name);
            assertEquals(expected.stdout(), actual.stdout(), "stdout");
            assertEquals(expected.exit(), actual.exit(), "exit status");
            assertTrue(actual.calls().size() > 10, "calls recorded: " + actual.calls());
            List<List<String>> want = normalise(expected.calls(), file.toString().length(), true);
            List<List<String>> got = normalise(actual.calls(), (ElfPrograms.DIR + name).length(), false);
            assertTrue(same(want, got), "syscalls\n qemu: " + want + "\n ours: " + got);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Equal but where qemu's result is unknown ("name = *"), which any result matches. */
    private static boolean same(List<List<String>> want, List<List<String>> got) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int p = 0; p < want.size(); p++) {
            List<String> w = want.get(p);
            List<String> g = got.get(p);
            if (w.size() != g.size()) {
                return false;
            }
            for (int i = 0; i < w.size(); i++) {
                String wi = w.get(i);
                boolean any = wi.endsWith(" = *") && g.get(i).startsWith(wi.substring(0, wi.length() - 1));
                if (!any && !wi.equals(g.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each process's calls in order, the processes in the order they first made one. */
    private static List<List<String>> normalise(List<Call> calls, int exeLength, boolean qemu) {
        java.util.Map<Integer, List<String>> byPid = new java.util.LinkedHashMap<>();
        for (Call c : calls) {
            long r = c.result();
            String shown = r == UNKNOWN ? "*" : switch (c.name()) {
                case "set_tid_address", "gettid", "getpid", "clone", "wait4" -> r > 0 ? "a pid" : "" + r;
                // not a result: the interrupted code's a0 (qemu shows its own -513)
                case "rt_sigreturn" -> "(no result)";
                case "readlinkat" -> r == exeLength ? "the exe's length" : "" + r;
                case "set_robust_list" -> qemu && r == -38 ? "0" : "" + r;
                default -> "" + r;
            };
            byPid.computeIfAbsent(c.pid(), p -> new ArrayList<>()).add(c.name() + " = " + shown);
        }
        return new ArrayList<>(byPid.values());
    }

    // ---------------------------------------------------------------- qemu

    /**
     * qemu -strace's records: "PID name(args)" then " = RESULT". The lines of several processes
     * interleave: a record may end without its result (another process's record follows on the
     * same line), and that result comes later as a bare " = RESULT" line that does not say whose
     * it is (a child's return from clone comes the same way). So the text is read as a stream of
     * record starts and results; a result right after its record is that record's, a bare one is
     * nobody's, and a record without one has an unknown result ({@link #UNKNOWN}), matched by
     * any; so are a parent's results between a clone and its wait4, where the child's bare
     * return from clone can look like the result of whatever the parent printed last. exit and
     * exit_group never return.
     */
    private static final Pattern TOKEN = Pattern.compile(
            "(?<pid>\\d+) (?<name>[a-z_0-9]+)\\(|(?<!\\w) = (?<res>-1 errno=(?<errno>\\d+)|0x[0-9a-f]+|-?\\d+)");
    /** A result qemu printed where it cannot be told whose it is. */
    static final long UNKNOWN = Long.MIN_VALUE;

    static List<Call> parse_strace(String stderr) {
        List<Call> calls = new ArrayList<>();
        int pid = -1;
        String name = null;
        Matcher m = TOKEN.matcher(stderr);
        while (m.find()) {
            if (m.group("pid") != null) {
                if (name != null) {
                    calls.add(new Call(pid, name, UNKNOWN));
                }
                pid = Integer.parseInt(m.group("pid"));
                name = m.group("name");
                continue;
            }
            if (name != null) {
                String r = m.group("res");
                long v = m.group("errno") != null ? -Long.parseLong(m.group("errno"))
                        : r.startsWith("0x") ? Long.parseUnsignedLong(r.substring(2), 16) : Long.parseLong(r);
                calls.add(new Call(pid, name, v));
                name = null;
            }
        }
        if (name != null) {
            calls.add(new Call(pid, name, UNKNOWN));
        }
        calls.removeIf(c -> c.name().equals("exit_group") || c.name().equals("exit"));
        // a child's first line is its bare " = 0" from clone, which may land on any line of its
        // parent's: from a clone to the wait4 after it, the parent's results cannot be trusted
        List<Call> out = new ArrayList<>();
        java.util.Set<Integer> forked = new java.util.HashSet<>();
        for (Call c : calls) {
            boolean unsure = forked.contains(c.pid()) && !c.name().equals("clone");
            out.add(unsure ? new Call(c.pid(), c.name(), UNKNOWN) : c);
            if (c.name().equals("clone") && c.result() > 0) {
                forked.add(c.pid());
            } else if (c.name().equals("wait4")) {
                forked.remove(c.pid());
            }
        }
        return out;
    }

    static Run under_qemu(Path qemu, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(qemu.toString(), "-strace", file.toString()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("qemu did not finish");
        }
        return new Run(new String(stdout, StandardCharsets.ISO_8859_1), p.exitValue(), parse_strace(stderr));
    }

    // ---------------------------------------------------------------- the machine

    /** Runs /usr/bin/NAME with stdout into a pipe its parent drains, recording its syscalls after exec. */
    static Run on_machine(String name) {
        Kernel k = Kernel.create(new KernelConfig(1, 64, 0, "init=/bin/t"));
        List<Call> calls = new ArrayList<>();
        // the call each process is in, by pid
        long[] pending = new long[1 << 16];
        java.util.Arrays.fill(pending, -1);
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("sys_enter"), args -> {
            if (k.sched().current().comm.equals(name)) {
                pending[k.sched().current().pid] = (long) args[1];
            }
        });
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("sys_exit"), args -> {
            int pid = k.sched().current().pid;
            if (k.sched().current().comm.equals(name) && pending[pid] >= 0) {
                calls.add(new Call(pid, k.traps().syscall_table().name(pending[pid]), (long) args[1]));
                pending[pid] = -1;
            }
        });
        StringBuilder stdout = new StringBuilder();
        int[] status = new int[1];
        k.binfmt_java().register_program("t", cpu -> {
            Libc c = new Libc(cpu);
            int[] fds = new int[2];
            c.pipe2(fds, 0);
            long pid = c.fork(child -> {
                Libc cc = new Libc(child);
                cc.dup3(fds[1], 1, 0);
                cc.close(fds[0]);
                cc.close(fds[1]);
                return cc.execve(ElfPrograms.DIR + name, List.of(name), List.of("PATH=/bin", "HOME=/"));
            });
            c.close(fds[1]);
            long buf = c.push(4096);
            for (long n; (n = c.read(fds[0], buf, 4096)) > 0;) {
                byte[] b = new byte[(int) n];
                cpu.read(buf, b, 0, (int) n);
                stdout.append(new String(b, StandardCharsets.ISO_8859_1));
            }
            c.wait4(pid, status, 0);
            c.write(1, "done\n");
            return 0;
        });
        k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        k.start_kernel();
        UserPrograms.runUntil(k, "done\n");
        assertTrue((status[0] & 0x7f) == 0, "killed by signal " + (status[0] & 0x7f));
        k.kernel_power_off();
        return new Run(stdout.toString(), (status[0] >> 8) & 0xff, calls);
    }
}
