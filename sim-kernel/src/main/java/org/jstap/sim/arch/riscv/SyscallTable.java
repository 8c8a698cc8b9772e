package org.jstap.sim.arch.riscv;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * arch/riscv/kernel/syscall_table.c: {@code sys_call_table}, indexed by the asm-generic numbers
 * RISC-V uses. Each entry unpacks a0-a5 for the {@code __do_sys_*} function of the subsystem
 * that defines the call (SYSCALL_DEFINEn in Linux); an empty slot is -ENOSYS.
 */
@LinuxFile("arch/riscv/kernel/syscall_table.c")
public final class SyscallTable {
    public static final int __NR_write = 64;
    public static final int __NR_exit = 93;
    public static final int __NR_exit_group = 94;
    public static final int __NR_set_tid_address = 96;
    public static final int __NR_set_robust_list = 99;
    public static final int __NR_get_robust_list = 100;
    public static final int __NR_nanosleep = 101;
    public static final int __NR_clock_gettime = 113;
    public static final int __NR_clock_getres = 114;
    public static final int __NR_clock_nanosleep = 115;
    public static final int __NR_sched_yield = 124;
    public static final int __NR_kill = 129;
    public static final int __NR_tgkill = 131;
    public static final int __NR_rt_sigaction = 134;
    public static final int __NR_rt_sigprocmask = 135;
    public static final int __NR_rt_sigreturn = 139;
    public static final int __NR_setgid = 144;
    public static final int __NR_setuid = 146;
    public static final int __NR_times = 153;
    public static final int __NR_setpgid = 154;
    public static final int __NR_getpgid = 155;
    public static final int __NR_getsid = 156;
    public static final int __NR_setsid = 157;
    public static final int __NR_uname = 160;
    public static final int __NR_sethostname = 161;
    public static final int __NR_setdomainname = 162;
    public static final int __NR_getrlimit = 163;
    public static final int __NR_setrlimit = 164;
    public static final int __NR_gettimeofday = 169;
    public static final int __NR_getpid = 172;
    public static final int __NR_getppid = 173;
    public static final int __NR_getuid = 174;
    public static final int __NR_geteuid = 175;
    public static final int __NR_getgid = 176;
    public static final int __NR_getegid = 177;
    public static final int __NR_gettid = 178;
    public static final int __NR_sysinfo = 179;
    public static final int __NR_brk = 214;
    public static final int __NR_munmap = 215;
    public static final int __NR_clone = 220;
    public static final int __NR_execve = 221;
    public static final int __NR_mmap = 222;
    public static final int __NR_mprotect = 226;
    public static final int __NR_madvise = 233;
    public static final int __NR_wait4 = 260;
    public static final int __NR_prlimit64 = 261;
    public static final int __NR_getrandom = 278;
    /** __NR_syscalls. */
    public static final int NR_SYSCALLS = 451;

    /** One table entry: a syscall's wrapper, taking its arguments from the registers. */
    @FunctionalInterface
    interface Syscall {
        long call(PtRegs r);
    }

    private final Syscall[] table = new Syscall[NR_SYSCALLS];
    private final String[] names = new String[NR_SYSCALLS];

    SyscallTable(Kernel k) {
        var sys = k.sys();
        define(__NR_write, "write", r -> k.console().__do_sys_write((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_exit, "exit", r -> k.exit().__do_sys_exit((int) r.a(0)));
        define(__NR_exit_group, "exit_group", r -> k.exit().__do_sys_exit_group((int) r.a(0)));
        define(__NR_set_tid_address, "set_tid_address", r -> sys.__do_sys_set_tid_address(r.a(0)));
        define(__NR_set_robust_list, "set_robust_list", r -> k.futex().__do_sys_set_robust_list(r.a(0), r.a(1)));
        define(__NR_get_robust_list, "get_robust_list",
                r -> k.futex().__do_sys_get_robust_list((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_nanosleep, "nanosleep", r -> k.nanosleep().__do_sys_nanosleep(r.a(0), r.a(1)));
        define(__NR_clock_gettime, "clock_gettime", r -> k.posix_timers().__do_sys_clock_gettime((int) r.a(0), r.a(1)));
        define(__NR_clock_getres, "clock_getres", r -> k.posix_timers().__do_sys_clock_getres((int) r.a(0), r.a(1)));
        define(__NR_clock_nanosleep, "clock_nanosleep",
                r -> k.posix_timers().__do_sys_clock_nanosleep((int) r.a(0), (int) r.a(1), r.a(2), r.a(3)));
        define(__NR_sched_yield, "sched_yield", r -> k.sched().__do_sys_sched_yield());
        define(__NR_kill, "kill", r -> k.signal().__do_sys_kill((int) r.a(0), r.a(1)));
        define(__NR_tgkill, "tgkill", r -> k.signal().__do_sys_tgkill((int) r.a(0), (int) r.a(1), r.a(2)));
        define(__NR_rt_sigaction, "rt_sigaction",
                r -> k.signal().__do_sys_rt_sigaction(r.a(0), r.a(1), r.a(2), r.a(3)));
        define(__NR_rt_sigprocmask, "rt_sigprocmask",
                r -> k.signal().__do_sys_rt_sigprocmask((int) r.a(0), r.a(1), r.a(2), r.a(3)));
        define(__NR_rt_sigreturn, "rt_sigreturn", r -> k.traps().signal_frames().__do_sys_rt_sigreturn(r));
        define(__NR_setgid, "setgid", r -> sys.__do_sys_setgid((int) r.a(0)));
        define(__NR_setuid, "setuid", r -> sys.__do_sys_setuid((int) r.a(0)));
        define(__NR_times, "times", r -> sys.__do_sys_times(r.a(0)));
        define(__NR_setpgid, "setpgid", r -> sys.__do_sys_setpgid((int) r.a(0), (int) r.a(1)));
        define(__NR_getpgid, "getpgid", r -> sys.__do_sys_getpgid((int) r.a(0)));
        define(__NR_getsid, "getsid", r -> sys.__do_sys_getsid((int) r.a(0)));
        define(__NR_setsid, "setsid", r -> sys.__do_sys_setsid());
        define(__NR_uname, "uname", r -> sys.__do_sys_newuname(r.a(0)));
        define(__NR_sethostname, "sethostname", r -> sys.__do_sys_sethostname(r.a(0), (int) r.a(1)));
        define(__NR_setdomainname, "setdomainname", r -> sys.__do_sys_setdomainname(r.a(0), (int) r.a(1)));
        define(__NR_getrlimit, "getrlimit", r -> sys.__do_sys_getrlimit((int) r.a(0), r.a(1)));
        define(__NR_setrlimit, "setrlimit", r -> sys.__do_sys_setrlimit((int) r.a(0), r.a(1)));
        define(__NR_gettimeofday, "gettimeofday", r -> k.time().__do_sys_gettimeofday(r.a(0), r.a(1)));
        define(__NR_getpid, "getpid", r -> sys.__do_sys_getpid());
        define(__NR_getppid, "getppid", r -> sys.__do_sys_getppid());
        define(__NR_getuid, "getuid", r -> sys.__do_sys_getuid());
        define(__NR_geteuid, "geteuid", r -> sys.__do_sys_geteuid());
        define(__NR_getgid, "getgid", r -> sys.__do_sys_getgid());
        define(__NR_getegid, "getegid", r -> sys.__do_sys_getegid());
        define(__NR_gettid, "gettid", r -> sys.__do_sys_gettid());
        define(__NR_sysinfo, "sysinfo", r -> sys.__do_sys_sysinfo(r.a(0)));
        define(__NR_brk, "brk", r -> k.mmap().__do_sys_brk(r.a(0)));
        define(__NR_munmap, "munmap", r -> k.mmap().__do_sys_munmap(r.a(0), r.a(1)));
        define(__NR_clone, "clone", r -> k.fork().__do_sys_clone(r.a(0), r.a(1), r.a(2), r.a(3), r.a(4)));
        define(__NR_execve, "execve", r -> k.exec().__do_sys_execve(r.a(0), r.a(1), r.a(2)));
        define(__NR_mmap, "mmap", r -> k.mmap().__do_sys_mmap(r.a(0), r.a(1), r.a(2), r.a(3), r.a(4), r.a(5)));
        define(__NR_mprotect, "mprotect", r -> k.mmap().__do_sys_mprotect(r.a(0), r.a(1), r.a(2)));
        define(__NR_madvise, "madvise", r -> k.madvise().__do_sys_madvise(r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_wait4, "wait4", r -> k.exit().__do_sys_wait4((int) r.a(0), r.a(1), (int) r.a(2), r.a(3)));
        define(__NR_prlimit64, "prlimit64",
                r -> sys.__do_sys_prlimit64((int) r.a(0), (int) r.a(1), r.a(2), r.a(3)));
        define(__NR_getrandom, "getrandom", r -> k.random().__do_sys_getrandom(r.a(0), r.a(1), (int) r.a(2)));
    }

    private void define(int nr, String name, Syscall call) {
        table[nr] = call;
        names[nr] = name;
    }

    /** Runs syscall {@code nr}; an unknown number is -ENOSYS. */
    long invoke(long nr, PtRegs regs) {
        if (nr < 0 || nr >= NR_SYSCALLS || table[(int) nr] == null) {
            return -Errno.ENOSYS;
        }
        return table[(int) nr].call(regs);
    }

    /** The syscall's name, as strace and the syscall tapset print it, or null. */
    public String name(long nr) {
        return nr < 0 || nr >= NR_SYSCALLS ? null : names[(int) nr];
    }
}
