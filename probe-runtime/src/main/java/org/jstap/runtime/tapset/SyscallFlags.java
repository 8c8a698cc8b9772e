package org.jstap.runtime.tapset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jstap.runtime.Context;

/**
 * The decoders the syscall tapset needs beyond {@link Syscalls}: the words and structures strace
 * prints in a call's arguments ({@code F_SETFD, FD_CLOEXEC}, {@code [INT CHLD]},
 * {@code {sa_handler=SIG_IGN, ...}}, {@code RLIMIT_NOFILE}, {@code CLOCK_MONOTONIC} ...), so that
 * an alias's {@code argstr} reads exactly as strace 6 shows the call on riscv64. Structures are
 * read from the current task's user memory with the {@code *_nofault} accessors, so decoding never
 * faults a page in; an unreadable structure is printed as its address, as strace does.
 * <p>
 * Numbers are the asm-generic ones of the simulated kernel (the same as Linux's uapi headers on
 * riscv): {@code _fcntl_cmd_str(1030)} is {@code "F_DUPFD_CLOEXEC"}.
 */
public final class SyscallFlags {
    private SyscallFlags() {}

    // ---- the syscall being run --------------------------------------------------------------

    /**
     * _stp_syscall_nr(): the number of the syscall the current task is in (a7 as saved at the
     * trap), -1 for a kernel thread. Lets one alias on a function two syscalls share name the one
     * that was made (faccessat and faccessat2 both run __do_sys_faccessat).
     */
    @Function(value = "_stp_syscall_nr", pure = true)
    public static long syscall_nr(Context c) {
        var t = c.current();
        return t == null || t.regs == null ? -1 : t.regs.x[17];
    }

    /** syscall_name(nr): the syscall's name as strace prints it; {@code syscall_N} for an unknown number. */
    @Function(value = "syscall_name", pure = true)
    public static String syscall_name(Context c, long nr) {
        String name = c.kernel().traps().syscall_table().name(nr);
        return name != null ? name : "syscall_" + nr;
    }

    // ---- flag words -------------------------------------------------------------------------

    private static String flags(long value, long[] bits, String[] names, String zero) {
        return Syscalls.flags(value, bits, names, zero);
    }

    /** A value from a table indexed by number, or {@code fallback} followed by the number. */
    private static String named(long v, String[] names, String unknownPrefix) {
        if (v >= 0 && v < names.length && names[(int) v] != null) {
            return names[(int) v];
        }
        return unknownPrefix + v;
    }

    private static final String[] FCNTL_LOW = {"F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK",
        "F_SETLK", "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG", null, null, null, "F_SETOWN_EX",
        "F_GETOWN_EX", "F_GETOWNER_UIDS"};

    /** _fcntl_cmd_str(cmd): F_GETFL, F_DUPFD_CLOEXEC ...; the hex number for an unknown one. */
    @Function(value = "_fcntl_cmd_str", pure = true)
    public static String fcntl_cmd_str(long cmd) {
        if (cmd >= 0 && cmd < FCNTL_LOW.length && FCNTL_LOW[(int) cmd] != null) {
            return FCNTL_LOW[(int) cmd];
        }
        return switch ((int) cmd) {
            case 1024 -> "F_SETLEASE";
            case 1025 -> "F_GETLEASE";
            case 1026 -> "F_NOTIFY";
            case 1030 -> "F_DUPFD_CLOEXEC";
            case 1031 -> "F_SETPIPE_SZ";
            case 1032 -> "F_GETPIPE_SZ";
            default -> "0x" + Long.toHexString(cmd & 0xffffffffL) + " /* F_??? */";
        };
    }

    /**
     * _fcntl_argstr(fd, cmd, arg): fcntl's arguments as strace shows them: no third argument for the
     * getters, FD_CLOEXEC for F_SETFD, open flags for F_SETFL, a pointer for the lock commands.
     */
    @Function(value = "_fcntl_argstr", pure = true)
    public static String fcntl_argstr(long fd, long cmd, long arg) {
        return fd + ", " + fcntl_cmdargs_str(cmd, arg);
    }

    /** _fcntl_cmdargs_str(cmd, arg): what follows the descriptor in _fcntl_argstr, {@code F_SETFD, FD_CLOEXEC}. */
    @Function(value = "_fcntl_cmdargs_str", pure = true)
    public static String fcntl_cmdargs_str(long cmd, long arg) {
        String head = fcntl_cmd_str(cmd);
        return switch ((int) cmd) {
            case 1, 3, 9, 11, 1025, 1032 -> head;
            case 2 -> head + ", " + ((arg & 1) != 0 ? "FD_CLOEXEC" + ((arg & ~1L) != 0 ? "|0x"
                    + Long.toHexString(arg & ~1L) : "") : Long.toString(arg));
            case 4 -> head + ", " + Syscalls.open_flag_str(arg);
            case 5, 6, 7, 15, 16 -> head + ", " + pointer(arg);
            default -> head + ", " + (int) arg;
        };
    }

    /** _fcntl_retstr(cmd, ret): {@code 0x8001 (flags O_WRONLY|O_LARGEFILE)} for F_GETFL, F_GETFD. */
    @Function(value = "_fcntl_retstr", pure = true)
    public static String fcntl_retstr(long cmd, long ret) {
        if (ret < 0) {
            return Syscalls.return_str(1, ret);
        }
        if (cmd == 3) {
            return "0x" + Long.toHexString(ret) + " (flags " + Syscalls.open_flag_str(ret) + ")";
        }
        if (cmd == 1 && ret != 0) {
            return "0x" + Long.toHexString(ret) + " (flags " + ((ret & 1) != 0 ? "FD_CLOEXEC" : "")
                    + ((ret & ~1L) != 0 ? ((ret & 1) != 0 ? "|" : "") + "0x" + Long.toHexString(ret & ~1L) : "") + ")";
        }
        return Long.toString(ret);
    }

    /** _ioctl_request_str(cmd): the tty, FIO and block requests the kernel answers; hex otherwise. */
    @Function(value = "_ioctl_request_str", pure = true)
    public static String ioctl_request_str(long cmd) {
        return switch ((int) cmd) {
            case 0x5401 -> "TCGETS";
            case 0x5402 -> "TCSETS";
            case 0x5403 -> "TCSETSW";
            case 0x5404 -> "TCSETSF";
            case 0x540E -> "TIOCSCTTY";
            case 0x540F -> "TIOCGPGRP";
            case 0x5410 -> "TIOCSPGRP";
            case 0x5413 -> "TIOCGWINSZ";
            case 0x5414 -> "TIOCSWINSZ";
            case 0x541B -> "FIONREAD";
            case 0x5421 -> "FIONBIO";
            case 0x5422 -> "TIOCNOTTY";
            case 0x5429 -> "TIOCGSID";
            case 0x5450 -> "FIONCLEX";
            case 0x5451 -> "FIOCLEX";
            case 0x1260 -> "BLKGETSIZE";
            case 0x1261 -> "BLKFLSBUF";
            case 0x1268 -> "BLKSSZGET";
            case 0x80081272 -> "BLKGETSIZE64";
            default -> "0x" + Long.toHexString(cmd & 0xffffffffL);
        };
    }

    /**
     * _ioctl_argstr(fd, cmd, arg): ioctl's arguments; the requests without an argument (FIOCLEX,
     * TIOCNOTTY, BLKFLSBUF) show none, FIONBIO shows the int it points at, others the pointer.
     */
    @Function(value = "_ioctl_argstr", pure = true)
    public static String ioctl_argstr(Context c, long fd, long cmd, long arg) {
        return fd + ", " + ioctl_cmdargs_str(c, cmd, arg, 0);
    }

    /**
     * _ioctl_cmdargs_str(cmd, arg, verbose): what follows the descriptor, as strace prints it at the
     * entry: what the kernel reads is decoded ({@code TCSETS, {c_iflag=...}}, {@code FIONBIO, [1]},
     * {@code TIOCSCTTY, 0}), what it will write is its address ({@code TCGETS, 0x3ffffffe60}).
     */
    @Function(value = "_ioctl_cmdargs_str", pure = true)
    public static String ioctl_cmdargs_str(Context c, long cmd, long arg, long verbose) {
        String head = ioctl_request_str(cmd);
        return switch ((int) cmd) {
            case 0x5450, 0x5451, 0x5422, 0x1261 -> head;
            case 0x5421, 0x5410 -> head + ", " + intArray(c, arg, 1);
            case 0x540E -> head + ", " + (int) arg;
            case 0x5402, 0x5403, 0x5404 -> head + ", " + ResultArgs.struct_termios_u(c, arg, 0, verbose);
            case 0x5414 -> head + ", " + ResultArgs.struct_winsize_u(c, arg, 0);
            default -> head + ", " + pointer(arg);
        };
    }

    /** _access_mode_str(mode): F_OK, or R_OK|W_OK|X_OK. */
    @Function(value = "_access_mode_str", pure = true)
    public static String access_mode_str(long mode) {
        return flags(mode, new long[] {4, 2, 1}, new String[] {"R_OK", "W_OK", "X_OK"}, "F_OK");
    }

    /** _faccessat2_flag_str(flags): AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH; 0 for none. */
    @Function(value = "_faccessat2_flag_str", pure = true)
    public static String faccessat2_flag_str(long flags) {
        return flags(flags, new long[] {0x100, 0x200, 0x1000}, new String[] {"AT_SYMLINK_NOFOLLOW", "AT_EACCESS",
            "AT_EMPTY_PATH"}, "0");
    }

    /** _at_flag_str0(flags): the *at flags as strace prints them for fchownat and utimensat: 0 for none. */
    @Function(value = "_at_flag_str0", pure = true)
    public static String at_flag_str0(long flags) {
        return flags(flags, Syscalls.AT_BITS, Syscalls.AT_NAMES, "0");
    }

    /** _statx_flags_str(flags): the sync mode first (AT_STATX_SYNC_AS_STAT is 0), then the AT_* flags. */
    @Function(value = "_statx_flags_str", pure = true)
    public static String statx_flags_str(long flags) {
        long sync = flags & 0x6000;
        String rest = flags(flags & ~0x6000L, new long[] {0x100, 0x800, 0x1000}, new String[] {
            "AT_SYMLINK_NOFOLLOW", "AT_NO_AUTOMOUNT", "AT_EMPTY_PATH"}, "");
        String head = sync == 0 ? "AT_STATX_SYNC_AS_STAT" : sync == 0x2000 ? "AT_STATX_FORCE_SYNC"
                : sync == 0x4000 ? "AT_STATX_DONT_SYNC" : "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC";
        return rest.isEmpty() ? head : head + "|" + rest;
    }

    /** _statx_mask_str(mask): STATX_ALL, STATX_BASIC_STATS or the single STATX_* bits; 0 for none. */
    @Function(value = "_statx_mask_str", pure = true)
    public static String statx_mask_str(long mask) {
        return flags(mask, new long[] {0xfff, 0x7ff, 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800,
            0x1000, 0x2000}, new String[] {"STATX_ALL", "STATX_BASIC_STATS", "STATX_TYPE", "STATX_MODE",
            "STATX_NLINK", "STATX_UID", "STATX_GID", "STATX_ATIME", "STATX_MTIME", "STATX_CTIME", "STATX_INO",
            "STATX_SIZE", "STATX_BLOCKS", "STATX_BTIME", "STATX_MNT_ID", "STATX_DIOALIGN"}, "0");
    }

    /** _mknod_mode_str(mode): the file type and the permission bits, {@code S_IFIFO|0600}. */
    @Function(value = "_mknod_mode_str", pure = true)
    public static String mknod_mode_str(long mode) {
        String type = file_type(mode);
        String perm = String.format("%#o", mode & 07777);
        if ((mode & 07777) == 0) {
            perm = "000";
        }
        return type.isEmpty() ? perm : type + "|" + perm;
    }

    /** The S_IF* name of a mode's file type, "" for none. */
    static String file_type(long mode) {
        return switch ((int) (mode & 0170000)) {
            case 0140000 -> "S_IFSOCK";
            case 0120000 -> "S_IFLNK";
            case 0100000 -> "S_IFREG";
            case 0060000 -> "S_IFBLK";
            case 0040000 -> "S_IFDIR";
            case 0020000 -> "S_IFCHR";
            case 0010000 -> "S_IFIFO";
            default -> "";
        };
    }

    /** _mknodat_argstr_dev(mode, dev): {@code , makedev(0x1, 0x3)} for device nodes, "" otherwise. */
    @Function(value = "_mknod_dev_str", pure = true)
    public static String mknod_dev_str(long mode, long dev) {
        int type = (int) (mode & 0170000);
        if (type != 0020000 && type != 0060000) {
            return "";
        }
        long major = (dev >>> 8) & 0xfff;
        long minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
        return ", makedev(0x" + Long.toHexString(major) + ", 0x" + Long.toHexString(minor) + ")";
    }

    /** _mount_flags_str(flags): MS_MGC_VAL in the high word, then the MS_* bits; 0 for none. */
    @Function(value = "_mount_flags_str", pure = true)
    public static String mount_flags_str(long flags) {
        long f = flags & 0xffffffffL;
        String magic = (f & 0xffff0000L) == 0xC0ED0000L ? "MS_MGC_VAL" : "";
        if (!magic.isEmpty()) {
            f &= 0xffffL;
        }
        String rest = flags(f, new long[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 2048, 4096, 8192, 16384, 32768,
            1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20, 1 << 21, 1 << 22, 1 << 23, 1 << 24, 1 << 25},
                new String[] {"MS_RDONLY", "MS_NOSUID", "MS_NODEV", "MS_NOEXEC", "MS_SYNCHRONOUS", "MS_REMOUNT",
                    "MS_MANDLOCK", "MS_DIRSYNC", "MS_NOSYMFOLLOW", "MS_NOATIME", "MS_NODIRATIME", "MS_BIND",
                    "MS_MOVE", "MS_REC", "MS_SILENT", "MS_POSIXACL", "MS_UNBINDABLE", "MS_PRIVATE", "MS_SLAVE",
                    "MS_SHARED", "MS_RELATIME", "MS_KERNMOUNT", "MS_I_VERSION", "MS_STRICTATIME", "MS_LAZYTIME"},
                "");
        if (magic.isEmpty()) {
            return rest.isEmpty() ? "0" : rest;
        }
        return rest.isEmpty() ? magic : magic + "|" + rest;
    }

    /** _umount2_flags_str(flags): MNT_FORCE|MNT_DETACH|MNT_EXPIRE|UMOUNT_NOFOLLOW; 0 for none. */
    @Function(value = "_umount2_flags_str", pure = true)
    public static String umount2_flags_str(long flags) {
        return flags(flags, new long[] {1, 2, 4, 8}, new String[] {"MNT_FORCE", "MNT_DETACH", "MNT_EXPIRE",
            "UMOUNT_NOFOLLOW"}, "0");
    }

    private static final String[] CLOCKS = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE",
        "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", null, "CLOCK_TAI"};

    /** _get_wc_str(clk): CLOCK_MONOTONIC & co; the number for a dynamic or unknown clock. */
    @Function(value = "_get_wc_str", pure = true)
    public static String clock_str(long clk) {
        return named((int) clk, CLOCKS, "");
    }

    /** _stp_clock_nanosleep_flags_str(flags): TIMER_ABSTIME or 0. */
    @Function(value = "_stp_clock_nanosleep_flags_str", pure = true)
    public static String clock_nanosleep_flags_str(long flags) {
        return flags(flags, new long[] {1}, new String[] {"TIMER_ABSTIME"}, "0");
    }

    private static final String[] SYSLOG = {"SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_READ",
        "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR", "SYSLOG_ACTION_CLEAR", "SYSLOG_ACTION_CONSOLE_OFF",
        "SYSLOG_ACTION_CONSOLE_ON", "SYSLOG_ACTION_CONSOLE_LEVEL", "SYSLOG_ACTION_SIZE_UNREAD",
        "SYSLOG_ACTION_SIZE_BUFFER"};

    /**
     * _syslog_argstr(type, buf, len): {@code 10 /* SYSLOG_ACTION_SIZE_BUFFER * /} alone for the
     * actions that ignore the buffer, the buffer and length after it for the others.
     */
    @Function(value = "_syslog_argstr", pure = true)
    public static String syslog_argstr(long type, long buf, long len) {
        String head = type + (type >= 0 && type < SYSLOG.length ? " /* " + SYSLOG[(int) type] + " */" : "");
        return switch ((int) type) {
            case 0, 1, 5, 6, 7, 9, 10 -> head;
            case 8 -> head + ", " + pointer(buf) + ", " + len;
            default -> head + ", " + pointer(buf) + ", " + len;
        };
    }

    /** _sigprocmask_how_str(how): SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK; the number otherwise. */
    @Function(value = "_sigprocmask_how_str", pure = true)
    public static String sigprocmask_how_str(long how) {
        return named(how, new String[] {"SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"}, "0x");
    }

    private static final String[] RLIMITS = {"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK",
        "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
        "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME"};

    /** _rlimit_resource_str(r): RLIMIT_NOFILE & co; {@code 0x10 /* RLIMIT_??? * /} otherwise. */
    @Function(value = "_rlimit_resource_str", pure = true)
    public static String rlimit_resource_str(long r) {
        if (r >= 0 && r < RLIMITS.length) {
            return RLIMITS[(int) r];
        }
        return "0x" + Long.toHexString(r & 0xffffffffL) + " /* RLIMIT_??? */";
    }

    /** One rlimit value as strace prints it: {@code 8192*1024}, or the infinity by its name. */
    private static String rlim(long v, String infinity) {
        if (v == -1) {
            return infinity;
        }
        return v > 0 && v % 1024 == 0 ? (v / 1024) + "*1024" : Long.toUnsignedString(v);
    }

    /**
     * _struct_rlimit_u(addr, prlimit): {@code {rlim_cur=1024, rlim_max=4*1024}}; the infinity is
     * RLIM64_INFINITY for prlimit64 and RLIM_INFINITY for getrlimit/setrlimit, as strace names it.
     */
    @Function(value = "_struct_rlimit_u", pure = true)
    public static String struct_rlimit_u(Context c, long addr, long prlimit) {
        ByteBuffer b = read(c, addr, 16);
        if (b == null) {
            return pointer(addr);
        }
        String inf = prlimit != 0 ? "RLIM64_INFINITY" : "RLIM_INFINITY";
        return "{rlim_cur=" + rlim(b.getLong(0), inf) + ", rlim_max=" + rlim(b.getLong(8), inf) + "}";
    }

    private static final String[] MADVISE = {"MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED",
        "MADV_DONTNEED", null, null, null, "MADV_FREE", "MADV_REMOVE", "MADV_DONTFORK", "MADV_DOFORK",
        "MADV_MERGEABLE", "MADV_UNMERGEABLE", "MADV_HUGEPAGE", "MADV_NOHUGEPAGE", "MADV_DONTDUMP", "MADV_DODUMP",
        "MADV_WIPEONFORK", "MADV_KEEPONFORK", "MADV_COLD", "MADV_PAGEOUT", "MADV_POPULATE_READ",
        "MADV_POPULATE_WRITE", "MADV_DONTNEED_LOCKED"};

    /** _madvice_advice_str(advice): MADV_DONTNEED & co; {@code 0x.. /* MADV_??? * /} otherwise. */
    @Function(value = "_madvice_advice_str", pure = true)
    public static String madvise_advice_str(long advice) {
        if (advice == 100) {
            return "MADV_HWPOISON";
        }
        if (advice >= 0 && advice < MADVISE.length && MADVISE[(int) advice] != null) {
            return MADVISE[(int) advice];
        }
        return "0x" + Long.toHexString(advice & 0xffffffffL) + " /* MADV_??? */";
    }

    /** _getrandom_flags_str(flags): GRND_NONBLOCK|GRND_RANDOM|GRND_INSECURE; 0 for none. */
    @Function(value = "_getrandom_flags_str", pure = true)
    public static String getrandom_flags_str(long flags) {
        return flags(flags, new long[] {1, 2, 4}, new String[] {"GRND_NONBLOCK", "GRND_RANDOM", "GRND_INSECURE"},
                "0");
    }

    /** _strace_wait4_opt_str(options): as strace names them (WSTOPPED for 2); 0 for none. */
    @Function(value = "_strace_wait4_opt_str", pure = true)
    public static String wait4_opt_str(long options) {
        return flags(options & 0xffffffffL, new long[] {1, 2, 4, 8, 0x01000000, 0x20000000, 0x40000000,
            0x80000000L}, new String[] {"WNOHANG", "WSTOPPED", "WEXITED", "WCONTINUED", "WNOWAIT",
            "__WNOTHREAD", "__WALL", "__WCLONE"}, "0");
    }

    private static final String[] SIGNAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
        "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    /** A signal's name without SIG, as strace writes it inside a set: INT, RTMIN, RT_1. */
    private static String shortSignal(int sig) {
        if (sig > 0 && sig < 32) {
            return SIGNAMES[sig];
        }
        return sig == 32 ? "RTMIN" : "RT_" + (sig - 32);
    }

    /** _strace_signal_name(sig): SIGTERM, SIGRTMIN, SIGRT_3; 0 and out-of-range numbers as numbers. */
    @Function(value = "_strace_signal_name", pure = true)
    public static String strace_signal_name(long sig) {
        return sig > 0 && sig <= 64 ? "SIG" + shortSignal((int) sig) : Long.toString(sig);
    }

    /** A 64-signal mask as strace prints it: {@code [INT CHLD]}, {@code ~[RTMIN RT_1]} when mostly full. */
    private static String sigset(long mask) {
        boolean invert = Long.bitCount(mask) > 32;
        long m = invert ? ~mask : mask;
        StringBuilder out = new StringBuilder(invert ? "~[" : "[");
        for (int sig = 1; sig <= 64; sig++) {
            if ((m & (1L << (sig - 1))) != 0) {
                out.append(out.charAt(out.length() - 1) == '[' ? "" : " ").append(shortSignal(sig));
            }
        }
        return out.append(']').toString();
    }

    /** _sigset_u(addr): the sigset_t at addr, {@code [INT CHLD]}; NULL, or the address if unreadable. */
    @Function(value = "_sigset_u", pure = true)
    public static String sigset_u(Context c, long addr) {
        ByteBuffer b = read(c, addr, 8);
        return b == null ? pointer(addr) : sigset(b.getLong(0));
    }

    /**
     * _struct_sigaction_u(addr): riscv's struct sigaction ({handler, flags, mask}, no sa_restorer),
     * {@code {sa_handler=SIG_IGN, sa_mask=[INT], sa_flags=SA_RESTART}}.
     */
    @Function(value = "_struct_sigaction_u", pure = true)
    public static String struct_sigaction_u(Context c, long addr) {
        ByteBuffer b = read(c, addr, 24);
        if (b == null) {
            return pointer(addr);
        }
        long handler = b.getLong(0);
        String h = handler == 0 ? "SIG_DFL" : handler == 1 ? "SIG_IGN" : "0x" + Long.toHexString(handler);
        String fl = flags(b.getLong(8) & 0xffffffffL, new long[] {0x04000000, 0x08000000, 0x10000000, 0x20000000,
            0x40000000, 0x80000000L, 4, 1, 2, 0x400}, new String[] {"SA_RESTORER", "SA_ONSTACK", "SA_RESTART",
                "SA_INTERRUPT", "SA_NODEFER", "SA_RESETHAND", "SA_SIGINFO", "SA_NOCLDSTOP", "SA_NOCLDWAIT",
                "SA_UNSUPPORTED"}, "0");
        return "{sa_handler=" + h + ", sa_mask=" + sigset(b.getLong(16)) + ", sa_flags=" + fl + "}";
    }

    /**
     * _rt_sigreturn_argstr(sp): the mask rt_sigreturn restores, {@code {mask=[]}}, read from the
     * signal frame at the user stack pointer (uc_sigmask: the ucontext at 128, its mask at 40).
     */
    @Function(value = "_rt_sigreturn_argstr", pure = true)
    public static String rt_sigreturn_argstr(Context c) {
        var t = c.current();
        if (t == null || t.regs == null) {
            return "";
        }
        ByteBuffer b = read(c, t.regs.x[2] + 128 + 40, 8);
        return "{mask=" + (b == null ? "?" : sigset(b.getLong(0))) + "}";
    }

    /**
     * _clone_argstr(flags, newsp, parent_tid, tls, child_tid): strace's named arguments, each
     * pointer shown only when a flag makes the kernel use it.
     */
    @Function(value = "_clone_argstr", pure = true)
    public static String clone_argstr(long flags, long newsp, long parentTid, long tls, long childTid) {
        StringBuilder out = new StringBuilder("child_stack=").append(pointer(newsp)).append(", flags=")
                .append(Syscalls.clone_flags_str(flags));
        if ((flags & (0x100000 | 0x1000)) != 0) {
            out.append(", parent_tid=").append(pointer(parentTid));
        }
        if ((flags & 0x80000) != 0) {
            out.append(", tls=").append(pointer(tls));
        }
        if ((flags & (0x200000 | 0x1000000)) != 0) {
            out.append(", child_tidptr=").append(pointer(childTid));
        }
        return out.toString();
    }

    // ---- structures in user memory ------------------------------------------------------------

    /** _struct_timeval_u(addr): {@code {tv_sec=1, tv_usec=0}}; NULL, or the address if unreadable. */
    @Function(value = "_struct_timeval_u", pure = true)
    public static String struct_timeval_u(Context c, long addr) {
        ByteBuffer b = read(c, addr, 16);
        return b == null ? pointer(addr) : "{tv_sec=" + b.getLong(0) + ", tv_usec=" + b.getLong(8) + "}";
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /**
     * _utimensat_times_u(addr): the two timespecs, {@code [UTIME_NOW, UTIME_OMIT]} or each with
     * strace's date comment {@code {tv_sec=5, tv_nsec=6} /* 1970-01-01T00:00:05.000000006+0000 * /}.
     */
    @Function(value = "_utimensat_times_u", pure = true)
    public static String utimensat_times_u(Context c, long addr) {
        ByteBuffer b = read(c, addr, 32);
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < 2; i++) {
            long sec = b.getLong(16 * i);
            long nsec = b.getLong(16 * i + 8);
            out.append(i == 0 ? "" : ", ");
            if (nsec == (1L << 30) - 1) {
                out.append("UTIME_NOW");
            } else if (nsec == (1L << 30) - 2) {
                out.append("UTIME_OMIT");
            } else {
                out.append("{tv_sec=").append(sec).append(", tv_nsec=").append(nsec).append('}');
                if (nsec >= 0 && nsec < 1_000_000_000L) {
                    out.append(" /* ").append(ISO.format(Instant.ofEpochSecond(sec))).append('.')
                            .append(String.format("%09d", nsec)).append("+0000 */");
                }
            }
        }
        return out.append(']').toString();
    }

    /** _gid_list_u(size, addr): the gid_t array of setgroups, {@code [0, 4]}; NULL for no list. */
    @Function(value = "_gid_list_u", pure = true)
    public static String gid_list_u(Context c, long size, long addr) {
        if (size <= 0) {
            return addr == 0 ? "NULL" : "[]";
        }
        return intArray(c, addr, (int) Math.min(size, 32));
    }

    /** [n, n, ...] from n ints at addr (strace's array of ints, cut at 32 elements). */
    private static String intArray(Context c, long addr, int n) {
        ByteBuffer b = read(c, addr, 4 * n);
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ", ").append(Integer.toUnsignedString(b.getInt(4 * i)));
        }
        return out.append(']').toString();
    }

    /** A descriptor as strace prints it, with -y ({@code decode}) its path: {@code 3</etc/passwd>}. */
    static String fd(Context c, long fd, long decode) {
        String path = decode != 0 ? Fds.fd_path(c, fd) : "";
        return path.isEmpty() ? Long.toString(fd) : fd + "<" + path + ">";
    }

    /**
     * _fd_set_u(n, addr, decode): the descriptors set among the first n, {@code [0 3]}; NULL for
     * none; with decode (-y) each with its path.
     */
    @Function(value = "_fd_set_u", pure = true)
    public static String fd_set_u(Context c, long n, long addr, long decode) {
        int bytes = (int) Math.max(0, Math.min((n + 7) / 8, 128));
        ByteBuffer b = read(c, addr, Math.max(bytes, 1));
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("[");
        for (int fd = 0; fd < n && fd < bytes * 8; fd++) {
            if ((b.get(fd / 8) & (1 << (fd % 8))) != 0) {
                out.append(out.length() == 1 ? "" : " ").append(fd(c, fd, decode));
            }
        }
        return out.append(']').toString();
    }

    /** _pollfds_u(addr, nfds, decode): {@code [{fd=0, events=POLLIN}, ...]}, at most 32 entries; -y paths with decode. */
    @Function(value = "_pollfds_u", pure = true)
    public static String pollfds_u(Context c, long addr, long nfds, long decode) {
        int n = (int) Math.max(0, Math.min(nfds, 32));
        ByteBuffer b = read(c, addr, Math.max(8 * n, 1));
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            int events = b.getShort(8 * i + 4) & 0xffff;
            out.append(i == 0 ? "" : ", ").append("{fd=").append(fd(c, b.getInt(8 * i), decode)).append(", events=")
                    .append(flags(events, new long[] {1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x2000},
                            new String[] {"POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL",
                                "POLLRDNORM", "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLMSG", "POLLRDHUP"}, "0"))
                    .append('}');
        }
        if (nfds > n) {
            out.append(", ...");
        }
        return out.append(']').toString();
    }

    /**
     * _iovec_u(addr, n, data): {@code [{iov_base="ab", iov_len=2}, ...]}; with data 0 (a read's
     * buffers, filled only later) the bases are addresses, as strace shows them when the call fails;
     * {@code xflag} as for _strace_buffer_u.
     */
    @Function(value = "_iovec_u", pure = true)
    public static String iovec_u(Context c, long addr, long n, long data, long xflag) {
        return iovec(c, addr, n, data != 0 ? Long.MAX_VALUE : -1, 32, xflag);
    }

    /**
     * The iovecs with at most {@code left} bytes shown over all of them, each cut at {@code max};
     * the buffers' addresses for a negative {@code left}.
     */
    static String iovec(Context c, long addr, long n, long left, long max, long xflag) {
        int count = (int) Math.max(0, Math.min(n, 32));
        ByteBuffer b = read(c, addr, Math.max(16 * count, 1));
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            long base = b.getLong(16 * i);
            long len = b.getLong(16 * i + 8);
            long shown = Math.max(0, Math.min(len, left));
            left -= left < 0 ? 0 : shown;
            out.append(i == 0 ? "" : ", ").append("{iov_base=")
                    .append(left < 0 ? pointer(base) : buffer(c, base, shown, max, xflag))
                    .append(", iov_len=").append(len).append('}');
        }
        if (n > count) {
            out.append(", ...");
        }
        return out.append(']').toString();
    }

    /**
     * _strace_buffer_u(addr, count, max): count bytes at addr as strace quotes a buffer: C escapes,
     * octal as short as the next character allows ({@code "\177ELF\2\1"}), cut at max with
     * {@code ...}; NULL for 0, the address if unreadable. {@code xflag} is strace's {@code -x}
     * count: 1 shows a string with anything but printable ASCII and white space in hex, 2 every
     * string.
     */
    @Function(value = "_strace_buffer_u", pure = true)
    public static String strace_buffer_u(Context c, long addr, long count, long max, long xflag) {
        return c.clip(buffer(c, addr, count, max, xflag));
    }

    /** _strace_string_u(addr, max, xflag): a NUL-terminated string quoted as strace does, cut at max. */
    @Function(value = "_strace_string_u", pure = true)
    public static String strace_string_u(Context c, long addr, long max, long xflag) {
        if (addr == 0) {
            return "NULL";
        }
        int n = (int) Math.max(0, Math.min(max + 1, c.maxStringLen()));
        byte[] buf = new byte[n + 1];
        long rc = c.kernel().uaccess().strncpy_from_user_nofault(buf, addr, n);
        if (rc < 0) {
            return pointer(addr);
        }
        boolean cut = rc > max;
        return c.clip(quote(buf, (int) (cut ? max : rc), xflag) + (cut ? "..." : ""));
    }

    static String buffer(Context c, long addr, long count, long max, long xflag) {
        if (addr == 0) {
            return "NULL";
        }
        int n = (int) Math.max(0, Math.min(count, max));
        byte[] buf = new byte[n];
        if (c.kernel().uaccess().copy_from_user_nofault(buf, addr, n) != 0) {
            return pointer(addr);
        }
        return quote(buf, n, xflag) + (count > n ? "..." : "");
    }

    /**
     * strace's string_quote: \n \t \r \f \v, \" and \\, other unprintables in octal; in hex
     * ({@code \x68\x69}) throughout under -xx, or under -x when a byte is neither printable ASCII
     * nor white space.
     */
    static String quote(byte[] buf, int n, long xflag) {
        StringBuilder out = new StringBuilder("\"");
        if (xflag > 1 || xflag == 1 && needsHex(buf, n)) {
            for (int i = 0; i < n; i++) {
                out.append("\\x").append(Character.forDigit((buf[i] >> 4) & 0xf, 16))
                        .append(Character.forDigit(buf[i] & 0xf, 16));
            }
            return out.append('"').toString();
        }
        for (int i = 0; i < n; i++) {
            int ch = buf[i] & 0xff;
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (ch >= ' ' && ch < 0x7f) {
                        out.append((char) ch);
                    } else {
                        // a following octal digit would be read as part of the escape: use three digits then
                        boolean digitNext = i + 1 < n && buf[i + 1] >= '0' && buf[i + 1] <= '7';
                        out.append('\\').append(digitNext ? String.format("%03o", ch) : Integer.toOctalString(ch));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** -x's test: a byte above 0x7e, or a control character other than \t \n \v \f \r. */
    private static boolean needsHex(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            int ch = buf[i] & 0xff;
            if (ch > 0x7e || ch < ' ' && (ch < 9 || ch > 13)) {
                return true;
            }
        }
        return false;
    }

    /**
     * _strace_ptr(addr): a pointer as strace prints it, {@code NULL} or {@code 0x3fffffee50}
     * (stap's {@code %p} pads to 16 digits, which strace never does).
     */
    @Function(value = "_strace_ptr", pure = true)
    public static String strace_ptr(long addr) {
        return pointer(addr);
    }

    static String pointer(long addr) {
        return addr == 0 ? "NULL" : "0x" + Long.toHexString(addr);
    }

    /** What a call wrote: n bytes at addr as {@link #read}, or null when it failed ({@code ret} < 0). */
    static ByteBuffer result(Context c, long addr, int n, long ret) {
        return ret < 0 ? null : read(c, addr, n);
    }

    /** n bytes of user memory, little-endian; null for a null or unreadable address. */
    static ByteBuffer read(Context c, long addr, int n) {
        if (addr == 0) {
            return null;
        }
        byte[] b = new byte[n];
        if (c.kernel().uaccess().copy_from_user_nofault(b, addr, n) != 0) {
            return null;
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
