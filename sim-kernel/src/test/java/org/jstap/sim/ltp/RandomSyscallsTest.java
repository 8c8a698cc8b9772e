package org.jstap.sim.ltp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.kernel.sched.TaskExit;
import org.jstap.sim.mm.Mmap;

/**
 * The trinity rule: whatever numbers and arguments a program passes, a syscall returns a result
 * or -errno (1..4095, never a kernel-internal code such as ENOIOCTLCMD), the kernel never oopses,
 * and no Java exception comes back through the trap. Each try boots a machine whose init makes a
 * random sequence of calls, drawn from every number 0..450 (mostly the defined ones) with
 * arguments from pools of interesting values.
 *
 * <p>Exclusions, because they would end or stall the program rather than test the kernel:
 * exit, exit_group, execve, clone and rt_sigreturn are never made. Calls that could block or
 * kill are made with a non-blocking setup: the read and write families first get O_NONBLOCK on
 * their descriptor, openat always has O_NONBLOCK (a FIFO made by a random mknodat would block
 * the open), ppoll, pselect6 and nanosleep get a zero timeout, wait4 gets WNOHANG, kill and
 * tgkill only probe (signal 0), rt_sigaction only queries (act NULL), so the SIGPIPE, SIGTTIN
 * and SIGTTOU the setup ignores stay ignored; munmap and mprotect are left out and mmap loses
 * MAP_FIXED, as they could take away the stack the program is running on.
 */
class RandomSyscallsTest {
    static final Set<Integer> EXCLUDED = Set.of(SyscallTable.__NR_exit, SyscallTable.__NR_exit_group,
            SyscallTable.__NR_execve, SyscallTable.__NR_clone, SyscallTable.__NR_rt_sigreturn,
            SyscallTable.__NR_munmap, SyscallTable.__NR_mprotect);
    static final Set<Integer> FD_IO = Set.of(SyscallTable.__NR_read, SyscallTable.__NR_write,
            SyscallTable.__NR_readv, SyscallTable.__NR_writev, SyscallTable.__NR_pread64,
            SyscallTable.__NR_pwrite64, SyscallTable.__NR_preadv, SyscallTable.__NR_pwritev);
    static final String[] PATHS = {"/etc/hostname", "/tmp", "/tmp/x", "/dev/console", "/dev/null", "/",
            "", ".", "..", "/nope", "/tmp/x/y", "tmp", "/proc", "/bin/t", "/dev", "a".repeat(300)};
    static final int SCRATCH = 8192;

    /** How an argument is made: a constant, or an address only known inside the program. */
    enum Kind { CONST, SCRATCH_PTR, PATH_PTR }

    record Arg(Kind kind, long value) {
        @Override
        public String toString() {
            return kind == Kind.CONST ? Long.toString(value) : kind + "+" + value;
        }
    }

    record Call(long nr, List<Arg> args) {}

    static List<Integer> defined() {
        List<Integer> out = new ArrayList<>();
        for (Field f : SyscallTable.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("__NR_")) {
                try {
                    int nr = f.getInt(null);
                    if (!EXCLUDED.contains(nr)) {
                        out.add(nr);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Long> nr = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(defined()).map(Integer::longValue)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 450).filter(n -> !EXCLUDED.contains(n))
                        .map(Integer::longValue)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(-1L, 451L, 1L << 40, Long.MIN_VALUE)));
        Arbitrary<Long> constants = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0L, 1L, -1L, 2L, 3L, 4L, 5L, 8L, 16L, 64L, 255L, 256L,
                        4096L, 65536L, (long) Fcntl.AT_FDCWD, 999L, 1023L, 1024L, -4096L,
                        (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x10L, 0x1000L, Mmap.TASK_SIZE - 1, Mmap.TASK_SIZE,
                        0xffffffff80000000L, 0xffffffc000000000L, 0x8000_0000_0000_0000L)));
        Arbitrary<Arg> arg = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, constants.map(v -> new Arg(Kind.CONST, v))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, SCRATCH - 1)
                        .map(v -> new Arg(Kind.SCRATCH_PTR, v))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, PATHS.length - 1)
                        .map(v -> new Arg(Kind.PATH_PTR, v))));
        Arbitrary<Call> call = Combinators.combine(nr, arg.list().ofSize(6)).as(Call::new);
        return call.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void randomSyscalls_returnResultsOrErrnos(@ForAll("calls") List<Call> calls) {
        List<String> bad = run(calls);
        assertEquals(List.of(), bad);
    }

    /** Boots a machine whose init makes {@code calls}; returns what went wrong (oopses included). */
    static List<String> run(List<Call> calls) {
        List<String> bad = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Kernel k = Kernel.create(new KernelConfig(2, 64, 0, "init=/bin/t"));
        k.binfmt_java().register_program("t", cpu -> {
            try {
                fuzz(cpu, calls, bad);
            } catch (TaskExit e) {
                throw e;
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                bad.add("exception escaped: " + e + " at " + List.of(e.getStackTrace()).subList(0,
                        Math.min(8, e.getStackTrace().length)));
            }
            done.set(true);
            return 0;
        });
        k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        k.start_kernel();
        boolean finished = k.run_until(done::get, k.timekeeping().ktime_get_ns() + 60 * UserPrograms.SECOND);
        if (!finished) {
            bad.add("the program did not finish (blocked or killed)");
        }
        for (String line : k.printk().dmesg()) {
            if (line.contains("Oops") || line.contains("Call Trace") || line.contains(" [<")) {
                bad.add("dmesg: " + line);
            }
        }
        k.kernel_power_off();
        return bad;
    }

    private static void fuzz(UserMode cpu, List<Call> calls, List<String> bad) {
        Ltp t = new Ltp(cpu, bad);
        for (int sig : new int[] {13, 21, 22}) {
            PipeTest.ignore(t, sig);
        }
        t.pipe(Fcntl.O_NONBLOCK);
        t.open("/etc/hostname", Fcntl.O_RDONLY);
        t.open("/tmp", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY);
        long[] paths = new long[PATHS.length];
        for (int i = 0; i < PATHS.length; i++) {
            paths[i] = t.str(PATHS[i]);
        }
        long zeroTs = t.buf(16);
        long scratch = t.buf(SCRATCH + 4096);
        java.util.Random fill = new java.util.Random(calls.size());
        for (Call c : calls) {
            byte[] noise = new byte[SCRATCH];
            fill.nextBytes(noise);
            for (int i = 0; i < SCRATCH; i += 64) {
                noise[i] = 0;
            }
            cpu.write(scratch, noise, 0, SCRATCH);
            cpu.write(zeroTs, new byte[16], 0, 16);
            long[] a = new long[6];
            for (int i = 0; i < 6; i++) {
                Arg g = c.args().get(i);
                a[i] = switch (g.kind()) {
                    case CONST -> g.value();
                    case SCRATCH_PTR -> scratch + g.value();
                    case PATH_PTR -> paths[(int) g.value()];
                };
            }
            int nr = (int) c.nr();
            if (c.nr() == nr) {
                nonblocking_setup(t, nr, a, zeroTs);
            }
            long r = cpu.ecall(c.nr(), a);
            boolean ok = r >= 0 || (r >= -4095 && !(r <= -512 && r >= -530));
            if (!ok) {
                String name = nr == c.nr() ? nameOf(nr) : "nr";
                bad.add(name + "(" + c.nr() + ", " + java.util.Arrays.toString(a) + ") = " + r);
            }
        }
    }

    static String nameOf(int nr) {
        for (Field f : SyscallTable.class.getFields()) {
            try {
                if (f.getName().startsWith("__NR_") && f.getInt(null) == nr) {
                    return f.getName().substring(5);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return "nr" + nr;
    }

    private static void nonblocking_setup(Ltp t, int nr, long[] a, long zeroTs) {
        if (FD_IO.contains(nr)) {
            long fl = t.sys(SyscallTable.__NR_fcntl, (int) a[0], Fcntl.F_GETFL);
            if (fl >= 0) {
                t.sys(SyscallTable.__NR_fcntl, (int) a[0], Fcntl.F_SETFL, fl | Fcntl.O_NONBLOCK);
            }
        }
        switch (nr) {
            case SyscallTable.__NR_openat -> a[2] |= Fcntl.O_NONBLOCK;
            case SyscallTable.__NR_ppoll -> a[2] = zeroTs;
            case SyscallTable.__NR_pselect6 -> a[4] = zeroTs;
            case SyscallTable.__NR_nanosleep -> a[0] = zeroTs;
            case SyscallTable.__NR_clock_nanosleep -> a[2] = zeroTs;
            case SyscallTable.__NR_wait4 -> a[2] |= 1;
            case SyscallTable.__NR_kill -> a[1] = 0;
            case SyscallTable.__NR_tgkill -> a[2] = 0;
            case SyscallTable.__NR_rt_sigaction -> a[1] = 0;
            case SyscallTable.__NR_mmap -> a[3] &= ~(0x10L | 0x100000L);
            // SYSLOG_ACTION_READ waits for the next kernel message: READ_ALL instead
            case SyscallTable.__NR_syslog -> a[0] = a[0] == 2 ? 3 : a[0];
            default -> { }
        }
    }
}
