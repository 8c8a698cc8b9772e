package org.jstap.sim.userland;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.arch.riscv.UserMode;

/**
 * The C library of the machine's Java programs: syscall wrappers over {@code ecall}, with their
 * data in user memory (strings and structures go on the stack below sp, as a C program's locals
 * would), and errno as a negative result. Programs never call kernel code; everything goes
 * through the trap entry.
 */
public final class Libc {
    private final UserMode cpu;

    public Libc(UserMode cpu) {
        this.cpu = cpu;
    }

    public UserMode cpu() {
        return cpu;
    }

    /** The arguments, read from the initial stack as crt0 does: argc at sp, then the argv pointers. */
    public static List<String> argv(UserMode cpu) {
        long sp = cpu.sp();
        long argc = cpu.ld(sp);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            out.add(cpu_string(cpu, cpu.ld(sp + 8 + 8L * i)));
        }
        return out;
    }

    private static String cpu_string(UserMode cpu, long addr) {
        StringBuilder s = new StringBuilder();
        for (long a = addr;; a++) {
            int b = cpu.lbu(a);
            if (b == 0) {
                return s.toString();
            }
            s.append((char) b);
        }
    }

    /** Room for {@code n} bytes on the stack (16-byte aligned), released by {@link #pop}. */
    public long push(long n) {
        long sp = (cpu.sp() - n) & ~15L;
        cpu.set_sp(sp);
        return sp;
    }

    public void pop(long sp, long n) {
        cpu.set_sp(((sp + n) + 15) & ~15L);
    }

    // ---------------------------------------------------------------- processes

    public long getpid() {
        return cpu.ecall(SyscallTable.__NR_getpid);
    }

    public long getppid() {
        return cpu.ecall(SyscallTable.__NR_getppid);
    }

    /**
     * fork(): the child runs {@code child} (with its own UserMode: use that one, not the parent's)
     * and exits with what it returns (a Java program cannot
     * return twice from one call, so the child's side is a function, passed in t0 as glibc's
     * clone passes its fn). Returns the child's pid, or -errno, in the parent.
     */
    public long fork(UserCode child) {
        cpu.set_reg(PtRegs.T0, cpu.text(child));
        return cpu.ecall(SyscallTable.__NR_clone, 17 /* SIGCHLD */, 0, 0, 0, 0);
    }

    /** wait4(pid, &status, options, NULL): the pid reaped; {@code status[0]} gets the wait status. */
    public long wait4(long pid, int[] status, int options) {
        long addr = push(16);
        long r = cpu.ecall(SyscallTable.__NR_wait4, pid, addr, options, 0);
        if (status != null) {
            status[0] = (int) cpu.ld(addr);
        }
        pop(addr, 16);
        return r;
    }

    public long exit_group(long status) {
        return cpu.ecall(SyscallTable.__NR_exit_group, status);
    }

    public long kill(long pid, int sig) {
        return cpu.ecall(SyscallTable.__NR_kill, pid, sig);
    }

    /** sigaction(sig, {handler, flags, mask}, NULL); {@code handler} runs in this program. */
    public long sigaction(int sig, UserCode handler, long flags, long mask) {
        long addr = push(24);
        cpu.sd(addr, cpu.text(handler));
        cpu.sd(addr + 8, flags);
        cpu.sd(addr + 16, mask);
        long r = cpu.ecall(SyscallTable.__NR_rt_sigaction, sig, addr, 0, 8);
        pop(addr, 24);
        return r;
    }

    /** nanosleep for {@code ns}: 0, or -EINTR when a handled signal cut it short. */
    public long nanosleep(long ns) {
        long addr = push(16);
        cpu.sd(addr, ns / 1_000_000_000L);
        cpu.sd(addr + 8, ns % 1_000_000_000L);
        long r = cpu.ecall(SyscallTable.__NR_nanosleep, addr, 0);
        pop(addr, 16);
        return r;
    }

    /** execve(path, argv, envp): returns only on failure. */
    public long execve(String path, List<String> argv, List<String> envp) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(envp);
        all.add(path);
        long size = 0;
        for (String s : all) {
            size += s.length() + 1;
        }
        size += 8L * (argv.size() + envp.size() + 2);
        long base = push(size);
        long strings = base + 8L * (argv.size() + envp.size() + 2);
        long p = strings;
        long[] addrs = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            byte[] b = (all.get(i) + "\0").getBytes(StandardCharsets.ISO_8859_1);
            cpu.write(p, b, 0, b.length);
            addrs[i] = p;
            p += b.length;
        }
        long slot = base;
        for (int i = 0; i < argv.size(); i++, slot += 8) {
            cpu.sd(slot, addrs[i]);
        }
        cpu.sd(slot, 0);
        long envArray = slot + 8;
        slot = envArray;
        for (int i = 0; i < envp.size(); i++, slot += 8) {
            cpu.sd(slot, addrs[argv.size() + i]);
        }
        cpu.sd(slot, 0);
        long r = cpu.ecall(SyscallTable.__NR_execve, addrs[all.size() - 1], base, envArray);
        pop(base, size);
        return r;
    }

    // ---------------------------------------------------------------- memory and output

    public long brk(long addr) {
        return cpu.ecall(SyscallTable.__NR_brk, addr);
    }

    public long mmap(long addr, long len, int prot, int flags) {
        return cpu.ecall(SyscallTable.__NR_mmap, addr, len, prot, flags, -1, 0);
    }

    public long munmap(long addr, long len) {
        return cpu.ecall(SyscallTable.__NR_munmap, addr, len);
    }

    /** write(fd, text): the bytes are put in user memory first. */
    public long write(int fd, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        long addr = push(b.length);
        cpu.write(addr, b, 0, b.length);
        long r = cpu.ecall(SyscallTable.__NR_write, fd, addr, b.length);
        pop(addr, b.length);
        return r;
    }


    // ---- time, identity and limits
    // Pointers are user addresses, as in C: callers put structures in user memory (push) and read
    // them back with cpu().ld; results are the raw syscall returns (-errno on failure).

    /** A NUL-terminated string in user memory. */
    public String cstring(long addr) {
        return cpu_string(cpu, addr);
    }

    /** Puts {@code bytes} on the stack; returns their address (pop it with {@link #pop}). */
    public long push_bytes(byte[] bytes) {
        long addr = push(bytes.length);
        cpu.write(addr, bytes, 0, bytes.length);
        return addr;
    }

    public long setuid(int uid) {
        return cpu.ecall(SyscallTable.__NR_setuid, uid);
    }

    public long setgid(int gid) {
        return cpu.ecall(SyscallTable.__NR_setgid, gid);
    }

    /** uname(buf): struct new_utsname, six 65-byte fields. */
    public long uname(long buf) {
        return cpu.ecall(SyscallTable.__NR_uname, buf);
    }

    public long sethostname(long name, long len) {
        return cpu.ecall(SyscallTable.__NR_sethostname, name, len);
    }

    /** sethostname with the bytes of {@code name} (no NUL). */
    public long sethostname(String name) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        long addr = push_bytes(b);
        long r = sethostname(addr, b.length);
        pop(addr, b.length);
        return r;
    }

    public long setdomainname(long name, long len) {
        return cpu.ecall(SyscallTable.__NR_setdomainname, name, len);
    }

    /** times(buf): struct tms {utime, stime, cutime, cstime} in clock ticks; returns ticks since boot. */
    public long times(long buf) {
        return cpu.ecall(SyscallTable.__NR_times, buf);
    }

    /** sysinfo(info): struct sysinfo, 112 bytes. */
    public long sysinfo(long info) {
        return cpu.ecall(SyscallTable.__NR_sysinfo, info);
    }

    public long getrandom(long buf, long len, int flags) {
        return cpu.ecall(SyscallTable.__NR_getrandom, buf, len, flags);
    }

    /** getrlimit(resource, rlim): struct rlimit {rlim_cur, rlim_max}. */
    public long getrlimit(int resource, long rlim) {
        return cpu.ecall(SyscallTable.__NR_getrlimit, resource, rlim);
    }

    public long setrlimit(int resource, long rlim) {
        return cpu.ecall(SyscallTable.__NR_setrlimit, resource, rlim);
    }

    /** setrlimit with the limits given as values (the struct goes on the stack). */
    public long setrlimit(int resource, long cur, long max) {
        long addr = push(16);
        cpu.sd(addr, cur);
        cpu.sd(addr + 8, max);
        long r = setrlimit(resource, addr);
        pop(addr, 16);
        return r;
    }

    public long prlimit64(long pid, int resource, long newRlim, long oldRlim) {
        return cpu.ecall(SyscallTable.__NR_prlimit64, pid, resource, newRlim, oldRlim);
    }

    /** clock_gettime(clk, tp): struct timespec {tv_sec, tv_nsec}. */
    public long clock_gettime(int clk, long tp) {
        return cpu.ecall(SyscallTable.__NR_clock_gettime, clk, tp);
    }

    /** The clock's time in ns, or -errno. */
    public long clock_gettime_ns(int clk) {
        long tp = push(16);
        long r = clock_gettime(clk, tp);
        long ns = r < 0 ? r : cpu.ld(tp) * 1_000_000_000L + cpu.ld(tp + 8);
        pop(tp, 16);
        return ns;
    }

    public long clock_getres(int clk, long res) {
        return cpu.ecall(SyscallTable.__NR_clock_getres, clk, res);
    }

    public long clock_nanosleep(int clk, int flags, long req, long rem) {
        return cpu.ecall(SyscallTable.__NR_clock_nanosleep, clk, flags, req, rem);
    }

    /** clock_nanosleep for {@code ns} (an interval, or with TIMER_ABSTIME a time), without rem. */
    public long clock_nanosleep_ns(int clk, int flags, long ns) {
        long req = push(16);
        cpu.sd(req, ns / 1_000_000_000L);
        cpu.sd(req + 8, ns % 1_000_000_000L);
        long r = clock_nanosleep(clk, flags, req, 0);
        pop(req, 16);
        return r;
    }

    /** gettimeofday(tv, tz): struct timeval {tv_sec, tv_usec}, struct timezone; either may be 0. */
    public long gettimeofday(long tv, long tz) {
        return cpu.ecall(SyscallTable.__NR_gettimeofday, tv, tz);
    }

    public long madvise(long addr, long len, int advice) {
        return cpu.ecall(SyscallTable.__NR_madvise, addr, len, advice);
    }

    public long set_robust_list(long head, long len) {
        return cpu.ecall(SyscallTable.__NR_set_robust_list, head, len);
    }

    public long get_robust_list(long pid, long headPtr, long lenPtr) {
        return cpu.ecall(SyscallTable.__NR_get_robust_list, pid, headPtr, lenPtr);
    }
}
