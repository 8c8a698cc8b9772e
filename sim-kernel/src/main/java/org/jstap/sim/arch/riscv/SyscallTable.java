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
    public static final int __NR_getcwd = 17;
    public static final int __NR_dup = 23;
    public static final int __NR_dup3 = 24;
    public static final int __NR_fcntl = 25;
    public static final int __NR_ioctl = 29;
    public static final int __NR_mknodat = 33;
    public static final int __NR_mkdirat = 34;
    public static final int __NR_unlinkat = 35;
    public static final int __NR_symlinkat = 36;
    public static final int __NR_linkat = 37;
    public static final int __NR_umount2 = 39;
    public static final int __NR_mount = 40;
    public static final int __NR_ftruncate = 46;
    public static final int __NR_faccessat = 48;
    public static final int __NR_chdir = 49;
    public static final int __NR_fchdir = 50;
    public static final int __NR_chroot = 51;
    public static final int __NR_fchmod = 52;
    public static final int __NR_fchmodat = 53;
    public static final int __NR_fchownat = 54;
    public static final int __NR_fchown = 55;
    public static final int __NR_openat = 56;
    public static final int __NR_close = 57;
    public static final int __NR_pipe2 = 59;
    public static final int __NR_getdents64 = 61;
    public static final int __NR_lseek = 62;
    public static final int __NR_read = 63;
    public static final int __NR_readv = 65;
    public static final int __NR_writev = 66;
    public static final int __NR_pread64 = 67;
    public static final int __NR_pwrite64 = 68;
    public static final int __NR_preadv = 69;
    public static final int __NR_pwritev = 70;
    public static final int __NR_pselect6 = 72;
    public static final int __NR_ppoll = 73;
    public static final int __NR_readlinkat = 78;
    public static final int __NR_newfstatat = 79;
    public static final int __NR_fstat = 80;
    public static final int __NR_sync = 81;
    public static final int __NR_fsync = 82;
    public static final int __NR_fdatasync = 83;
    public static final int __NR_umask = 166;
    public static final int __NR_syncfs = 267;
    public static final int __NR_renameat2 = 276;
    public static final int __NR_statx = 291;
    public static final int __NR_faccessat2 = 439;
    public static final int __NR_write = 64;
    public static final int __NR_utimensat = 88;
    public static final int __NR_exit = 93;
    public static final int __NR_exit_group = 94;
    public static final int __NR_set_tid_address = 96;
    public static final int __NR_set_robust_list = 99;
    public static final int __NR_get_robust_list = 100;
    public static final int __NR_nanosleep = 101;
    public static final int __NR_clock_gettime = 113;
    public static final int __NR_clock_getres = 114;
    public static final int __NR_clock_nanosleep = 115;
    public static final int __NR_syslog = 116;
    public static final int __NR_sched_yield = 124;
    public static final int __NR_kill = 129;
    public static final int __NR_tgkill = 131;
    public static final int __NR_rt_sigaction = 134;
    public static final int __NR_rt_sigprocmask = 135;
    public static final int __NR_restart_syscall = 128;
    public static final int __NR_rt_sigreturn = 139;
    public static final int __NR_setgid = 144;
    public static final int __NR_setuid = 146;
    public static final int __NR_getresuid = 148;
    public static final int __NR_getresgid = 150;
    public static final int __NR_times = 153;
    public static final int __NR_setpgid = 154;
    public static final int __NR_getpgid = 155;
    public static final int __NR_getsid = 156;
    public static final int __NR_setsid = 157;
    public static final int __NR_getgroups = 158;
    public static final int __NR_setgroups = 159;
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
    public static final int __NR_socket = 198;
    public static final int __NR_socketpair = 199;
    public static final int __NR_bind = 200;
    public static final int __NR_listen = 201;
    public static final int __NR_accept = 202;
    public static final int __NR_connect = 203;
    public static final int __NR_getsockname = 204;
    public static final int __NR_getpeername = 205;
    public static final int __NR_sendto = 206;
    public static final int __NR_recvfrom = 207;
    public static final int __NR_setsockopt = 208;
    public static final int __NR_getsockopt = 209;
    public static final int __NR_shutdown = 210;
    public static final int __NR_sendmsg = 211;
    public static final int __NR_recvmsg = 212;
    public static final int __NR_accept4 = 242;
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
        var vfs = k.vfs();
        define(__NR_getcwd, "getcwd", r -> vfs.d_path().__do_sys_getcwd(r.a(0), r.a(1)));
        define(__NR_dup, "dup", r -> vfs.files().__do_sys_dup((int) r.a(0)));
        define(__NR_dup3, "dup3", r -> vfs.files().__do_sys_dup3((int) r.a(0), (int) r.a(1), (int) r.a(2)));
        define(__NR_fcntl, "fcntl", r -> vfs.fcntl().__do_sys_fcntl((int) r.a(0), (int) r.a(1), r.a(2)));
        define(__NR_ioctl, "ioctl", r -> vfs.ioctl().__do_sys_ioctl((int) r.a(0), (int) r.a(1), r.a(2)));
        define(__NR_mknodat, "mknodat", r -> mknodat(vfs, r));
        define(__NR_mkdirat, "mkdirat", r -> name(vfs, r.a(1), n -> vfs.namei().do_mkdirat((int) r.a(0), n, (int) r.a(2))));
        define(__NR_unlinkat, "unlinkat", r -> unlinkat(vfs, r));
        define(__NR_symlinkat, "symlinkat", r -> name(vfs, r.a(0), t -> name(vfs, r.a(2),
                n -> vfs.namei().do_symlinkat(t, (int) r.a(1), n))));
        define(__NR_linkat, "linkat", r -> name(vfs, r.a(1), o -> name(vfs, r.a(3),
                n -> vfs.namei().do_linkat((int) r.a(0), o, (int) r.a(2), n, (int) r.a(4)))));
        define(__NR_umount2, "umount2", r -> vfs.namespace().__do_sys_umount2(r.a(0), (int) r.a(1)));
        define(__NR_mount, "mount", r -> vfs.namespace().__do_sys_mount(r.a(0), r.a(1), r.a(2), r.a(3), r.a(4)));
        define(__NR_ftruncate, "ftruncate", r -> vfs.open().__do_sys_ftruncate((int) r.a(0), r.a(1)));
        define(__NR_faccessat, "faccessat", r -> vfs.open().__do_sys_faccessat((int) r.a(0), r.a(1), (int) r.a(2), 0));
        define(__NR_faccessat2, "faccessat2",
                r -> vfs.open().__do_sys_faccessat((int) r.a(0), r.a(1), (int) r.a(2), (int) r.a(3)));
        define(__NR_chdir, "chdir", r -> vfs.open().__do_sys_chdir(r.a(0)));
        define(__NR_fchdir, "fchdir", r -> vfs.open().__do_sys_fchdir((int) r.a(0)));
        define(__NR_chroot, "chroot", r -> vfs.open().__do_sys_chroot(r.a(0)));
        define(__NR_fchmod, "fchmod", r -> vfs.open().__do_sys_fchmod((int) r.a(0), (int) r.a(1)));
        define(__NR_fchmodat, "fchmodat", r -> vfs.open().__do_sys_fchmodat((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_fchownat, "fchownat",
                r -> vfs.open().__do_sys_fchownat((int) r.a(0), r.a(1), (int) r.a(2), (int) r.a(3), (int) r.a(4)));
        define(__NR_fchown, "fchown", r -> vfs.open().__do_sys_fchown((int) r.a(0), (int) r.a(1), (int) r.a(2)));
        define(__NR_openat, "openat", r -> vfs.open().__do_sys_openat((int) r.a(0), r.a(1), (int) r.a(2), (int) r.a(3)));
        define(__NR_close, "close", r -> vfs.files().__do_sys_close((int) r.a(0)));
        define(__NR_pipe2, "pipe2", r -> vfs.pipe().__do_sys_pipe2(r.a(0), (int) r.a(1)));
        define(__NR_getdents64, "getdents64", r -> vfs.readdir().__do_sys_getdents64((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_lseek, "lseek", r -> vfs.rw().__do_sys_lseek((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_read, "read", r -> vfs.rw().__do_sys_read((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_write, "write", r -> vfs.rw().__do_sys_write((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_readv, "readv", r -> vfs.rw().__do_sys_readv((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_writev, "writev", r -> vfs.rw().__do_sys_writev((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_pread64, "pread64", r -> vfs.rw().__do_sys_pread64((int) r.a(0), r.a(1), r.a(2), r.a(3)));
        define(__NR_pwrite64, "pwrite64", r -> vfs.rw().__do_sys_pwrite64((int) r.a(0), r.a(1), r.a(2), r.a(3)));
        define(__NR_preadv, "preadv", r -> vfs.rw().__do_sys_preadv((int) r.a(0), r.a(1), (int) r.a(2), r.a(3)));
        define(__NR_pwritev, "pwritev", r -> vfs.rw().__do_sys_pwritev((int) r.a(0), r.a(1), (int) r.a(2), r.a(3)));
        define(__NR_pselect6, "pselect6",
                r -> vfs.select().__do_sys_pselect6((int) r.a(0), r.a(1), r.a(2), r.a(3), r.a(4), r.a(5)));
        define(__NR_ppoll, "ppoll", r -> vfs.select().__do_sys_ppoll(r.a(0), (int) r.a(1), r.a(2), r.a(3), r.a(4)));
        define(__NR_readlinkat, "readlinkat",
                r -> vfs.stat().__do_sys_readlinkat((int) r.a(0), r.a(1), r.a(2), (int) r.a(3)));
        define(__NR_newfstatat, "newfstatat",
                r -> vfs.stat().__do_sys_newfstatat((int) r.a(0), r.a(1), r.a(2), (int) r.a(3)));
        define(__NR_fstat, "fstat", r -> vfs.stat().__do_sys_fstat((int) r.a(0), r.a(1)));
        define(__NR_sync, "sync", r -> vfs.sync().__do_sys_sync());
        define(__NR_fsync, "fsync", r -> vfs.sync().__do_sys_fsync((int) r.a(0)));
        define(__NR_getgroups, "getgroups", r -> sys.__do_sys_getgroups((int) r.a(0), r.a(1)));
        define(__NR_setgroups, "setgroups", r -> sys.__do_sys_setgroups((int) r.a(0), r.a(1)));
        define(__NR_utimensat, "utimensat",
                r -> vfs.utimes().__do_sys_utimensat((int) r.a(0), r.a(1), r.a(2), (int) r.a(3)));
        define(__NR_fdatasync, "fdatasync", r -> vfs.sync().__do_sys_fdatasync((int) r.a(0)));
        define(__NR_syslog, "syslog", r -> k.syslog().__do_sys_syslog((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_umask, "umask", r -> sys.__do_sys_umask((int) r.a(0)));
        define(__NR_syncfs, "syncfs", r -> vfs.sync().__do_sys_syncfs((int) r.a(0)));
        define(__NR_renameat2, "renameat2", r -> name(vfs, r.a(1), o -> name(vfs, r.a(3),
                n -> vfs.namei().do_renameat2((int) r.a(0), o, (int) r.a(2), n, (int) r.a(4)))));
        define(__NR_statx, "statx",
                r -> vfs.stat().__do_sys_statx((int) r.a(0), r.a(1), (int) r.a(2), (int) r.a(3), r.a(4)));
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
        define(__NR_restart_syscall, "restart_syscall", r -> k.signal().__do_sys_restart_syscall());
        define(__NR_rt_sigreturn, "rt_sigreturn", r -> k.traps().signal_frames().__do_sys_rt_sigreturn(r));
        define(__NR_setgid, "setgid", r -> sys.__do_sys_setgid((int) r.a(0)));
        define(__NR_setuid, "setuid", r -> sys.__do_sys_setuid((int) r.a(0)));
        define(__NR_getresuid, "getresuid", r -> sys.__do_sys_getresuid(r.a(0), r.a(1), r.a(2)));
        define(__NR_getresgid, "getresgid", r -> sys.__do_sys_getresgid(r.a(0), r.a(1), r.a(2)));
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
        var net = k.net().sockets();
        define(__NR_socket, "socket", r -> net.__do_sys_socket((int) r.a(0), (int) r.a(1), (int) r.a(2)));
        define(__NR_socketpair, "socketpair",
                r -> net.__do_sys_socketpair((int) r.a(0), (int) r.a(1), (int) r.a(2), r.a(3)));
        define(__NR_bind, "bind", r -> net.__do_sys_bind((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_listen, "listen", r -> net.__do_sys_listen((int) r.a(0), (int) r.a(1)));
        define(__NR_accept, "accept", r -> net.__do_sys_accept((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_connect, "connect", r -> net.__do_sys_connect((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_getsockname, "getsockname", r -> net.__do_sys_getsockname((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_getpeername, "getpeername", r -> net.__do_sys_getpeername((int) r.a(0), r.a(1), r.a(2)));
        define(__NR_sendto, "sendto",
                r -> net.__do_sys_sendto((int) r.a(0), r.a(1), r.a(2), (int) r.a(3), r.a(4), (int) r.a(5)));
        define(__NR_recvfrom, "recvfrom",
                r -> net.__do_sys_recvfrom((int) r.a(0), r.a(1), r.a(2), (int) r.a(3), r.a(4), r.a(5)));
        define(__NR_setsockopt, "setsockopt",
                r -> net.__do_sys_setsockopt((int) r.a(0), (int) r.a(1), (int) r.a(2), r.a(3), (int) r.a(4)));
        define(__NR_getsockopt, "getsockopt",
                r -> net.__do_sys_getsockopt((int) r.a(0), (int) r.a(1), (int) r.a(2), r.a(3), r.a(4)));
        define(__NR_shutdown, "shutdown", r -> net.__do_sys_shutdown((int) r.a(0), (int) r.a(1)));
        define(__NR_sendmsg, "sendmsg", r -> net.__do_sys_sendmsg((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_recvmsg, "recvmsg", r -> net.__do_sys_recvmsg((int) r.a(0), r.a(1), (int) r.a(2)));
        define(__NR_accept4, "accept4", r -> net.__do_sys_accept4((int) r.a(0), r.a(1), r.a(2), (int) r.a(3)));
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

    /** A syscall body that takes a path name copied in from user memory. */
    @FunctionalInterface
    private interface WithName {
        long call(String name);
    }

    /** getname, then the body; EFAULT or ENAMETOOLONG if the name cannot be read. */
    private static long name(org.jstap.sim.fs.Vfs vfs, long addr, WithName body) {
        String n = vfs.getname(addr);
        return n == null ? vfs.getname_error() : body.call(n);
    }

    /** unlinkat(2): AT_REMOVEDIR makes it rmdir; other flags are EINVAL. */
    private static long unlinkat(org.jstap.sim.fs.Vfs vfs, PtRegs r) {
        int flags = (int) r.a(2);
        if ((flags & ~org.jstap.sim.fs.Fcntl.AT_REMOVEDIR) != 0) {
            return -Errno.EINVAL;
        }
        return name(vfs, r.a(1), n -> (flags & org.jstap.sim.fs.Fcntl.AT_REMOVEDIR) != 0
                ? vfs.namei().do_rmdir((int) r.a(0), n) : vfs.namei().do_unlinkat((int) r.a(0), n));
    }

    private static long mknodat(org.jstap.sim.fs.Vfs vfs, PtRegs r) {
        int dev = (int) r.a(3);
        // old_decode_dev/new_decode_dev: major in bits 8-19, minor in 0-7 and 20-31
        int major = (dev >>> 8) & 0xfff;
        int minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
        return name(vfs, r.a(1), n -> vfs.namei().do_mknodat((int) r.a(0), n, (int) r.a(2),
                org.jstap.sim.fs.Super.MKDEV(major, minor)));
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
