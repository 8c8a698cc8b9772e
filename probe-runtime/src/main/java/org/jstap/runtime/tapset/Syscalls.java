package org.jstap.runtime.tapset;

/**
 * The decoding helpers of the syscall tapset (stap's errno.stp and aux_syscalls.stp): error
 * names, return values as {@code -2 (ENOENT)}, and the flag words strace and stap print as
 * {@code O_WRONLY|O_CREAT|O_TRUNC}. Numbers are the asm-generic ones the kernel uses.
 */
public final class Syscalls {
    private Syscalls() {}

    /** errno names by number (Linux's errno-base.h, errno.h and the kernel-internal 512+). */
    private static final String[] ERRNO = new String[532];

    static {
        String[] low = {null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
            "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
            "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
            "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS",
            "ENOTEMPTY", "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG",
            "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC", "EBADSLT", null,
            "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV",
            "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD",
            "EREMCHG", "ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE",
            "EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT",
            "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL",
            "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN",
            "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH",
            "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM", "EREMOTEIO",
            "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED",
            "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"};
        System.arraycopy(low, 0, ERRNO, 0, low.length);
        String[] high = {"ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ENOIOCTLCMD", "ERESTART_RESTARTBLOCK",
            "EPROBE_DEFER", "EOPENSTALE", "ENOPARAM", "EBADHANDLE", "ENOTSYNC", "EBADCOOKIE", "ENOTSUPP",
            "ETOOSMALL", "ESERVERFAULT", "EBADTYPE", "EJUKEBOX", "EIOCBQUEUED", "ERECALLCONFLICT", "ENOGRACE"};
        System.arraycopy(high, 0, ERRNO, 512, high.length);
    }

    private static String errnoName(long e) {
        return e > 0 && e < ERRNO.length ? ERRNO[(int) e] : null;
    }

    /** errno_str(err): {@code "ENOENT"} for 2 or -2, the number itself for one without a name. */
    @Function(pure = true)
    public static String errno_str(long err) {
        String name = errnoName(Math.abs(err));
        return name != null ? name : Long.toString(err);
    }

    /**
     * return_str(format, ret): an error as {@code -2 (ENOENT)}; otherwise by format: 1 decimal,
     * 2 hex, 3 octal (the tapset's ret formats; others decimal).
     */
    @Function(pure = true)
    public static String return_str(long format, long ret) {
        if (ret < 0 && errnoName(-ret) != null) {
            return ret + " (" + errnoName(-ret) + ")";
        }
        return switch ((int) format) {
            case 2 -> "0x" + Long.toHexString(ret);
            case 3 -> ret == 0 ? "0" : "0" + Long.toOctalString(ret);
            default -> Long.toString(ret);
        };
    }

    /** A flag word as NAME|NAME, bits named in table order, leftover bits in hex; {@code zero} for 0. */
    static String flags(long value, long[] bits, String[] names, String zero) {
        if (value == 0) {
            return zero;
        }
        StringBuilder out = new StringBuilder();
        long rest = value;
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) == bits[i] && bits[i] != 0) {
                out.append(out.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            out.append(out.isEmpty() ? "" : "|").append("0x").append(Long.toHexString(rest));
        }
        return out.toString();
    }

    /** _dfd_str(dfd): {@code AT_FDCWD} for -100, the descriptor otherwise. */
    @Function(value = "_dfd_str", pure = true)
    public static String dfd_str(long dfd) {
        return (int) dfd == -100 ? "AT_FDCWD" : Long.toString((int) dfd);
    }

    private static final long[] OPEN_BITS = {0100, 0200, 0400, 01000, 02000, 04000, 04010000, 010000, 020000,
        040000, 0100000, 0200000, 0400000, 01000000, 02000000, 010000000, 020200000};
    private static final String[] OPEN_NAMES = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND",
        "O_NONBLOCK", "O_SYNC", "O_DSYNC", "FASYNC", "O_DIRECT", "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW",
        "O_NOATIME", "O_CLOEXEC", "O_PATH", "O_TMPFILE"};

    /** _sys_open_flag_str(flags): {@code O_WRONLY|O_CREAT|O_TRUNC}, the access mode first. */
    @Function(value = "_sys_open_flag_str", pure = true)
    public static String open_flag_str(long flags) {
        long f = flags & 0xffffffffL;
        String mode = switch ((int) (f & 3)) {
            case 0 -> "O_RDONLY";
            case 1 -> "O_WRONLY";
            case 2 -> "O_RDWR";
            default -> "O_ACCMODE";
        };
        String rest = flags(f & ~3, OPEN_BITS, OPEN_NAMES, "");
        return rest.isEmpty() ? mode : mode + "|" + rest;
    }

    /** _dup3_flag_str / _sys_pipe2_flag_str: O_CLOEXEC, O_NONBLOCK, O_DIRECT; {@code 0x0} for none. */
    @Function(value = "_sys_pipe2_flag_str", pure = true)
    public static String pipe2_flag_str(long flags) {
        return flags(flags, new long[] {02000000, 04000, 040000}, new String[] {"O_CLOEXEC", "O_NONBLOCK",
            "O_DIRECT"}, "0x0");
    }

    /** _at_flag_str(flags): the AT_* flags of the *at calls; {@code 0x0} for none. */
    @Function(value = "_at_flag_str", pure = true)
    public static String at_flag_str(long flags) {
        return flags(flags, AT_BITS, AT_NAMES, "0x0");
    }

    /** The AT_* flags of the *at calls, as strace names them. */
    static final long[] AT_BITS = {0x100, 0x200, 0x400, 0x800, 0x1000};
    static final String[] AT_NAMES = {"AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR", "AT_SYMLINK_FOLLOW", "AT_NO_AUTOMOUNT",
        "AT_EMPTY_PATH"};

    /** _renameat2_flags_str(flags): RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT; {@code 0x0}. */
    @Function(value = "_renameat2_flags_str", pure = true)
    public static String renameat2_flags_str(long flags) {
        return flags(flags, new long[] {1, 2, 4}, new String[] {"RENAME_NOREPLACE", "RENAME_EXCHANGE",
            "RENAME_WHITEOUT"}, "0x0");
    }

    /** _seek_whence_str(whence): SEEK_SET ... SEEK_HOLE, the number for others. */
    @Function(value = "_seek_whence_str", pure = true)
    public static String seek_whence_str(long whence) {
        String[] names = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"};
        return whence >= 0 && whence < names.length ? names[(int) whence] : "0x" + Long.toHexString(whence);
    }

    /** _mprotect_prot_str(prot): PROT_READ|PROT_WRITE|PROT_EXEC, PROT_NONE for 0. */
    @Function(value = "_mprotect_prot_str", pure = true)
    public static String prot_str(long prot) {
        return flags(prot, new long[] {1, 2, 4, 0x01000000, 0x02000000}, new String[] {"PROT_READ", "PROT_WRITE",
            "PROT_EXEC", "PROT_GROWSDOWN", "PROT_GROWSUP"}, "PROT_NONE");
    }

    /** _mmap_flags(flags): MAP_SHARED/MAP_PRIVATE and the MAP_* modifiers. */
    @Function(value = "_mmap_flags", pure = true)
    public static String mmap_flags(long flags) {
        return flags(flags, new long[] {1, 2, 3, 0x10, 0x20, 0x100, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000,
            0x20000, 0x40000, 0x100000}, new String[] {"MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE",
            "MAP_FIXED", "MAP_ANONYMOUS", "MAP_GROWSDOWN", "MAP_DENYWRITE", "MAP_EXECUTABLE", "MAP_NORESERVE",
            "MAP_POPULATE", "MAP_NONBLOCK", "MAP_STACK", "MAP_HUGETLB", "MAP_FIXED_NOREPLACE"}, "0x0");
    }

    /** _wait4_opt_str(options): WNOHANG|WUNTRACED|...; {@code 0} for none. */
    @Function(value = "_wait4_opt_str", pure = true)
    public static String wait4_opt_str(long options) {
        return flags(options & 0xffffffffL, new long[] {1, 2, 4, 8, 0x01000000, 0x20000000, 0x40000000,
            0x80000000L}, new String[] {"WNOHANG", "WUNTRACED", "WEXITED", "WCONTINUED", "WNOWAIT",
            "__WNOTHREAD", "__WALL", "__WCLONE"}, "0");
    }

    private static final String[] SIGNALS = {"SIG_0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
        "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
        "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG",
        "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    /** _signal_name(sig): SIGTERM; real-time ones as SIGRTMIN+n, others the number. */
    @Function(value = "_signal_name", pure = true)
    public static String signal_name(long sig) {
        if (sig >= 0 && sig < SIGNALS.length) {
            return SIGNALS[(int) sig];
        }
        return sig >= 32 && sig <= 64 ? (sig == 32 ? "SIGRTMIN" : "SIGRTMIN+" + (sig - 32)) : Long.toString(sig);
    }

    /** _clone_flags_str(flags): CLONE_* names, then the exit signal in the low byte (SIGCHLD). */
    @Function(value = "_clone_flags_str", pure = true)
    public static String clone_flags_str(long flags) {
        String names = flags(flags & ~0xffL, new long[] {0x100, 0x200, 0x400, 0x800, 0x2000, 0x4000, 0x8000,
            0x10000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000, 0x1000000, 0x2000000, 0x20000000,
            0x40000000, 0x80000000L}, new String[] {"CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND",
            "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_SYSVSEM", "CLONE_SETTLS",
            "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID", "CLONE_DETACHED", "CLONE_CHILD_SETTID",
            "CLONE_NEWCGROUP", "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET"}, "");
        long sig = flags & 0xff;
        String s = sig == 0 ? "" : signal_name(sig);
        return names.isEmpty() ? (s.isEmpty() ? "0" : s) : s.isEmpty() ? names : names + "|" + s;
    }
}
