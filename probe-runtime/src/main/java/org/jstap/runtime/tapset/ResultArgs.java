package org.jstap.runtime.tapset;

import java.nio.ByteBuffer;
import org.jstap.runtime.Context;

/**
 * The output arguments of the process, time, signal and terminal calls, as strace 6 prints them
 * once the call returned: wait4's status ({@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]}) and
 * rusage, timespecs and timevals, struct utsname, sysinfo and tms, the termios and winsize of the
 * tty ioctls, readv's buffers holding the bytes read, and the results ppoll and pselect6 append to
 * the return value ({@code 1 ([{fd=3, revents=POLLIN}])}). Each takes the call's return value: a
 * failed call wrote nothing, so its argument prints as the address, as strace shows it; with
 * {@code verbose} (strace's {@code -v}) the abbreviated structures print whole.
 *
 * <pre>{@code
 * probe syscall.wait4.return { println(_wait_status_u($stat_addr, $return)) }
 * }</pre>
 */
public final class ResultArgs {
    private ResultArgs() {}

    private static String pointer(long addr) {
        return SyscallFlags.pointer(addr);
    }

    // ---- processes ---------------------------------------------------------------------------

    /** printstatus: how a wait status reads, {@code {WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}}. */
    static String wait_status(int status) {
        int rest = status;
        String text;
        if ((status & 0xff) == 0x7f) {
            int sig = (status >> 8) & 0xff;
            text = "{WIFSTOPPED(s) && WSTOPSIG(s) == " + SyscallFlags.strace_signal_name(sig & 0x7f)
                    + ((sig & 0x80) != 0 ? " | 0x80" : "") + "}";
            rest &= ~((sig << 8) | 0x7f);
        } else if ((status & 0x7f) != 0 && (status & 0x7f) != 0x7f) {
            text = "{WIFSIGNALED(s) && WTERMSIG(s) == " + SyscallFlags.strace_signal_name(status & 0x7f)
                    + ((status & 0x80) != 0 ? " && WCOREDUMP(s)" : "") + "}";
            rest &= ~0xff;
        } else if ((status & 0x7f) == 0 && status != 0xffff) {
            text = "{WIFEXITED(s) && WEXITSTATUS(s) == " + ((status >> 8) & 0xff) + "}";
            rest &= ~0xff00;
        } else if (status == 0xffff) {
            return "[{WIFCONTINUED(s)}]";
        } else {
            return "[0x" + Integer.toHexString(status) + "]";
        }
        if ((rest >>> 16) != 0) {
            text += " | 0x" + Integer.toHexString(rest >>> 16) + " << 16";
            rest &= 0xffff;
        }
        return "[" + text + (rest != 0 ? " | 0x" + Integer.toHexString(rest) : "") + "]";
    }

    /**
     * _wait_status_u(addr, ret): the status wait4 stored, {@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]};
     * the address when it returned 0 (WNOHANG, nothing stored) or failed.
     */
    @Function(value = "_wait_status_u", pure = true)
    public static String wait_status_u(Context c, long addr, long ret) {
        ByteBuffer b = ret == 0 ? null : SyscallFlags.result(c, addr, 4, ret);
        return b == null ? pointer(addr) : wait_status(b.getInt(0));
    }

    private static String timeval(ByteBuffer b, int off) {
        return "{tv_sec=" + b.getLong(off) + ", tv_usec=" + b.getLong(off + 8) + "}";
    }

    private static final String[] RUSAGE_LONGS = {"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt",
        "ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw",
        "ru_nivcsw"};

    /**
     * _struct_rusage_u(addr, ret, verbose): the child's struct rusage wait4 filled in (when it reaped
     * one): {@code {ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=0}, ...}}; the address otherwise.
     */
    @Function(value = "_struct_rusage_u", pure = true)
    public static String struct_rusage_u(Context c, long addr, long ret, long verbose) {
        ByteBuffer b = ret <= 0 ? null : SyscallFlags.result(c, addr, 144, ret);
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("{ru_utime=").append(timeval(b, 0)).append(", ru_stime=")
                .append(timeval(b, 16));
        if (verbose == 0) {
            return out.append(", ...}").toString();
        }
        for (int i = 0; i < RUSAGE_LONGS.length; i++) {
            out.append(", ").append(RUSAGE_LONGS[i]).append('=').append(b.getLong(32 + 8 * i));
        }
        return out.append('}').toString();
    }

    // ---- time --------------------------------------------------------------------------------

    /** _timespec_result_u(addr, ret): {@code {tv_sec=1, tv_nsec=0}} a call wrote; the address if it failed. */
    @Function(value = "_timespec_result_u", pure = true)
    public static String timespec_result_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 16, ret);
        return b == null ? pointer(addr) : "{tv_sec=" + b.getLong(0) + ", tv_nsec=" + b.getLong(8) + "}";
    }

    /** _timeval_result_u(addr, ret): {@code {tv_sec=1767225600, tv_usec=0}}; the address if it failed. */
    @Function(value = "_timeval_result_u", pure = true)
    public static String timeval_result_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 16, ret);
        return b == null ? pointer(addr) : timeval(b, 0);
    }

    /** _timezone_result_u(addr, ret): {@code {tz_minuteswest=0, tz_dsttime=0}}; NULL, or the address if it failed. */
    @Function(value = "_timezone_result_u", pure = true)
    public static String timezone_result_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 8, ret);
        return b == null ? pointer(addr) : "{tz_minuteswest=" + b.getInt(0) + ", tz_dsttime=" + b.getInt(4) + "}";
    }

    /**
     * _sleep_rem_u(addr, ret): nanosleep's remaining time, which the kernel writes only when a signal
     * interrupted the sleep (ERESTART_RESTARTBLOCK, ERESTARTNOHAND or EINTR); its address otherwise.
     */
    @Function(value = "_sleep_rem_u", pure = true)
    public static String sleep_rem_u(Context c, long addr, long ret) {
        boolean interrupted = ret == -516 || ret == -514 || ret == -513 || ret == -512;
        return interrupted ? timespec_result_u(c, addr, 0) : pointer(addr);
    }

    /** _struct_tms_u(addr, ret): {@code {tms_utime=0, tms_stime=1, tms_cutime=0, tms_cstime=0}} in clock ticks. */
    @Function(value = "_struct_tms_u", pure = true)
    public static String struct_tms_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 32, ret);
        return b == null ? pointer(addr) : "{tms_utime=" + b.getLong(0) + ", tms_stime=" + b.getLong(8)
                + ", tms_cutime=" + b.getLong(16) + ", tms_cstime=" + b.getLong(24) + "}";
    }

    // ---- the system --------------------------------------------------------------------------

    private static final String[] UTS_FIELDS = {"sysname", "nodename", "release", "version", "machine",
        "domainname"};

    /**
     * _struct_utsname_u(addr, ret, verbose): {@code {sysname="Linux", nodename="jstap", ...}}, or
     * all six fields with verbose.
     */
    @Function(value = "_struct_utsname_u", pure = true)
    public static String struct_utsname_u(Context c, long addr, long ret, long verbose) {
        ByteBuffer b = SyscallFlags.result(c, addr, 6 * 65, ret);
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("{");
        int fields = verbose != 0 ? 6 : 2;
        for (int i = 0; i < fields; i++) {
            int n = 0;
            while (n < 65 && b.get(65 * i + n) != 0) {
                n++;
            }
            byte[] s = new byte[n];
            b.get(65 * i, s);
            out.append(i == 0 ? "" : ", ").append(UTS_FIELDS[i]).append('=').append(SyscallFlags.quote(s, n, 0));
        }
        return out.append(verbose != 0 ? "}" : ", ...}").toString();
    }

    /**
     * _struct_sysinfo_u(addr, ret): struct sysinfo whole, as strace always prints it:
     * {@code {uptime=1, loads=[0, 0, 0], totalram=..., ..., procs=12, totalhigh=0, freehigh=0, mem_unit=1}}.
     */
    @Function(value = "_struct_sysinfo_u", pure = true)
    public static String struct_sysinfo_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 112, ret);
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("{uptime=").append(b.getLong(0)).append(", loads=[")
                .append(Long.toUnsignedString(b.getLong(8))).append(", ").append(Long.toUnsignedString(b.getLong(16)))
                .append(", ").append(Long.toUnsignedString(b.getLong(24))).append(']');
        String[] sizes = {"totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap"};
        for (int i = 0; i < sizes.length; i++) {
            out.append(", ").append(sizes[i]).append('=').append(Long.toUnsignedString(b.getLong(32 + 8 * i)));
        }
        return out.append(", procs=").append(b.getShort(80) & 0xffff).append(", totalhigh=")
                .append(Long.toUnsignedString(b.getLong(88))).append(", freehigh=")
                .append(Long.toUnsignedString(b.getLong(96))).append(", mem_unit=").append(b.getInt(104) & 0xffffffffL)
                .append('}').toString();
    }

    /** _int_array_result_u(addr, n, ret): the n ints a call wrote, {@code [0, 4]}; the address if it failed. */
    @Function(value = "_int_array_result_u", pure = true)
    public static String int_array_result_u(Context c, long addr, long n, long ret) {
        if (ret < 0 || addr == 0) {
            return pointer(addr);
        }
        return SyscallFlags.gid_list_u(c, n, addr);
    }

    /** _long_result_u(addr, ret): the pointer-sized value a call stored, {@code [0x3ff0]}; the address if it failed. */
    @Function(value = "_long_result_u", pure = true)
    public static String long_result_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 8, ret);
        return b == null ? pointer(addr) : "[" + pointer(b.getLong(0)) + "]";
    }

    // ---- reads -------------------------------------------------------------------------------

    /**
     * _iovec_read_u(addr, n, ret, strsize, xflag): readv's iovecs with the {@code ret} bytes read
     * spread over them in order ({@code [{iov_base="hel", iov_len=3}, {iov_base="lo\n", iov_len=20}]});
     * the buffers' addresses if the call failed.
     */
    @Function(value = "_iovec_read_u", pure = true)
    public static String iovec_read_u(Context c, long addr, long n, long ret, long strsize, long xflag) {
        return c.clip(SyscallFlags.iovec(c, addr, n, ret < 0 ? -1 : ret, strsize, xflag));
    }

    /** _buffer_result_u(addr, ret, strsize, xflag): the {@code ret} bytes a call wrote at addr, quoted; the address if it failed. */
    @Function(value = "_buffer_result_u", pure = true)
    public static String buffer_result_u(Context c, long addr, long ret, long strsize, long xflag) {
        return ret < 0 ? pointer(addr) : c.clip(SyscallFlags.buffer(c, addr, ret, strsize, xflag));
    }

    // ---- terminals ---------------------------------------------------------------------------

    private static final long[] IFLAG_BITS = {01, 02, 04, 010, 020, 040, 0100, 0200, 0400, 01000, 02000, 04000,
        010000, 020000, 040000};
    private static final String[] IFLAG_NAMES = {"IGNBRK", "BRKINT", "IGNPAR", "PARMRK", "INPCK", "ISTRIP", "INLCR",
        "IGNCR", "ICRNL", "IUCLC", "IXON", "IXANY", "IXOFF", "IMAXBEL", "IUTF8"};
    private static final long[] OFLAG_BITS = {01, 02, 04, 010, 020, 040, 0100, 0200};
    private static final String[] OFLAG_NAMES = {"OPOST", "OLCUC", "ONLCR", "OCRNL", "ONOCR", "ONLRET", "OFILL",
        "OFDEL"};
    private static final long[] CFLAG_BITS = {0100, 0200, 0400, 01000, 02000, 04000, 010000000000L, 020000000000L};
    private static final String[] CFLAG_NAMES = {"CSTOPB", "CREAD", "PARENB", "PARODD", "HUPCL", "CLOCAL", "CMSPAR",
        "CRTSCTS"};
    private static final long[] LFLAG_BITS = {01, 02, 04, 010, 020, 040, 0100, 0200, 0100000, 01000, 02000, 04000,
        010000, 040000, 0400, 0200000};
    private static final String[] LFLAG_NAMES = {"ISIG", "ICANON", "XCASE", "ECHO", "ECHOE", "ECHOK", "ECHONL",
        "NOFLSH", "IEXTEN", "ECHOCTL", "ECHOPRT", "ECHOKE", "FLUSHO", "PENDIN", "TOSTOP", "EXTPROC"};
    private static final String[] BAUDS = {"B0", "B50", "B75", "B110", "B134", "B150", "B200", "B300", "B600",
        "B1200", "B1800", "B2400", "B4800", "B9600", "B19200", "B38400"};
    private static final String[] BAUDS_EX = {"BOTHER", "B57600", "B115200", "B230400", "B460800", "B500000",
        "B576000", "B921600", "B1000000", "B1152000", "B1500000", "B2000000", "B2500000", "B3000000", "B3500000",
        "B4000000"};
    private static final String[] CC_NAMES = {"VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME", "VMIN", "VSWTC",
        "VSTART", "VSTOP", "VSUSP", "VEOL", "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2"};

    private static String baud(long v) {
        return (v & 010000) != 0 ? BAUDS_EX[(int) (v & 017)] : BAUDS[(int) (v & 017)];
    }

    /** decode_oflag: the delay fields by value (NL0|CR0|TAB0|BS0|VT0|FF0), then the flags. */
    private static String oflag(long v) {
        String delays = "NL" + ((v >> 8) & 1) + "|CR" + ((v >> 9) & 3) + "|TAB" + ((v >> 11) & 3) + "|BS"
                + ((v >> 13) & 1) + "|VT" + ((v >> 14) & 1) + "|FF" + ((v >> 15) & 1);
        String rest = Syscalls.flags(v & ~0177400L, OFLAG_BITS, OFLAG_NAMES, "");
        return rest.isEmpty() ? delays : delays + "|" + rest;
    }

    /** decode_cflag: the baud rate, the input rate if set, the character size, then the flags. */
    private static String cflag(long v) {
        StringBuilder out = new StringBuilder(baud(v & 010017));
        if ((v & 002003600000L) != 0) {
            out.append("|").append(baud((v & 002003600000L) >> 16)).append("<<IBSHIFT");
        }
        out.append("|CS").append(5 + ((v >> 4) & 3));
        String rest = Syscalls.flags(v & ~(010017L | 002003600000L | 060L), CFLAG_BITS, CFLAG_NAMES, "");
        return rest.isEmpty() ? out.toString() : out + "|" + rest;
    }

    /**
     * _struct_termios_u(addr, ret, verbose): the kernel's struct termios TCGETS wrote:
     * {@code {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST, c_cflag=B38400|CS8|CREAD, c_lflag=..., ...}},
     * with verbose also c_line and every c_cc.
     */
    @Function(value = "_struct_termios_u", pure = true)
    public static String struct_termios_u(Context c, long addr, long ret, long verbose) {
        ByteBuffer b = SyscallFlags.result(c, addr, 36, ret);
        if (b == null) {
            return pointer(addr);
        }
        StringBuilder out = new StringBuilder("{c_iflag=")
                .append(Syscalls.flags(b.getInt(0) & 0xffffffffL, IFLAG_BITS, IFLAG_NAMES, "0"))
                .append(", c_oflag=").append(oflag(b.getInt(4) & 0xffffffffL))
                .append(", c_cflag=").append(cflag(b.getInt(8) & 0xffffffffL))
                .append(", c_lflag=").append(Syscalls.flags(b.getInt(12) & 0xffffffffL, LFLAG_BITS, LFLAG_NAMES, "0"));
        if (verbose == 0) {
            return out.append(", ...}").toString();
        }
        int line = b.get(16) & 0xff;
        out.append(", c_line=").append(line == 0 ? "N_TTY" : line + " /* N_??? */").append(", c_cc=[");
        for (int i = 0; i < 19; i++) {
            int v = b.get(17 + i) & 0xff;
            out.append(i == 0 ? "" : ", ").append('[').append(i < CC_NAMES.length ? CC_NAMES[i] : Integer.toString(i))
                    .append("]=").append(v == 0 ? "0" : "0x" + Integer.toHexString(v));
        }
        return out.append("]}").toString();
    }

    /** _struct_winsize_u(addr, ret): {@code {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}}. */
    @Function(value = "_struct_winsize_u", pure = true)
    public static String struct_winsize_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 8, ret);
        return b == null ? pointer(addr) : "{ws_row=" + (b.getShort(0) & 0xffff) + ", ws_col=" + (b.getShort(2) & 0xffff)
                + ", ws_xpixel=" + (b.getShort(4) & 0xffff) + ", ws_ypixel=" + (b.getShort(6) & 0xffff) + "}";
    }

    /**
     * _ioctl_result_str(cmd, arg, ret, verbose): what follows the descriptor once the call
     * returned: the structure or number a getter wrote ({@code TCGETS, {c_iflag=...}},
     * {@code TIOCGWINSZ, {ws_row=24, ...}}, {@code FIONREAD, [5]}), the entry's text for the others.
     */
    @Function(value = "_ioctl_result_str", pure = true)
    public static String ioctl_result_str(Context c, long cmd, long arg, long ret, long verbose) {
        String head = SyscallFlags.ioctl_request_str(cmd) + ", ";
        return switch ((int) cmd) {
            case 0x5401 -> head + struct_termios_u(c, arg, ret, verbose);
            case 0x5413 -> head + struct_winsize_u(c, arg, ret);
            case 0x540F, 0x5429, 0x541B, 0x1268 -> head + int_array_result_u(c, arg, 1, ret);
            case 0x1260, 0x80081272 -> head + unsigned_long_result_u(c, arg, ret);
            default -> SyscallFlags.ioctl_cmdargs_str(c, cmd, arg, verbose);
        };
    }

    private static String unsigned_long_result_u(Context c, long addr, long ret) {
        ByteBuffer b = SyscallFlags.result(c, addr, 8, ret);
        return b == null ? pointer(addr) : "[" + Long.toUnsignedString(b.getLong(0)) + "]";
    }

    /**
     * _syslog_result_argstr(type, buf, len, ret, strsize, xflag): syslog's arguments once it
     * returned: the log text a read action copied out ({@code 3 /* SYSLOG_ACTION_READ_ALL * /, "<6>Linux"..., 16384}).
     */
    @Function(value = "_syslog_result_argstr", pure = true)
    public static String syslog_result_argstr(Context c, long type, long buf, long len, long ret, long strsize,
            long xflag) {
        String args = SyscallFlags.syslog_argstr(type, buf, len);
        if (ret < 0 || type < 2 || type > 4) {
            return args;
        }
        return args.substring(0, args.indexOf(", ")) + ", " + buffer_result_u(c, buf, ret, strsize, xflag) + ", " + len;
    }

    // ---- waiting for descriptors -------------------------------------------------------------

    private static final long[] POLL_BITS = {1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x2000};
    private static final String[] POLL_NAMES = {"POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL",
        "POLLRDNORM", "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLMSG", "POLLRDHUP"};

    /** The timeout left, {@code , left {tv_sec=0, tv_nsec=5}}, when the call had one. */
    private static String left(Context c, long tsp) {
        ByteBuffer b = SyscallFlags.read(c, tsp, 16);
        return b == null ? "" : ", left {tv_sec=" + b.getLong(0) + ", tv_nsec=" + b.getLong(8) + "}";
    }

    /**
     * _ppoll_retstr(ret, fds, nfds, tsp, decode): ppoll's result with the descriptors that became ready and
     * the time left: {@code 1 ([{fd=3, revents=POLLIN}], left {tv_sec=0, tv_nsec=999})}, {@code 0 (Timeout)}.
     */
    @Function(value = "_ppoll_retstr", pure = true)
    public static String ppoll_retstr(Context c, long ret, long fds, long nfds, long tsp, long decode) {
        if (ret < 0) {
            return Syscalls.return_str(1, ret);
        }
        if (ret == 0) {
            return "0 (Timeout)";
        }
        int n = (int) Math.max(0, Math.min(nfds, 4096));
        ByteBuffer b = SyscallFlags.read(c, fds, Math.max(8 * n, 1));
        if (b == null) {
            return Long.toString(ret);
        }
        StringBuilder out = new StringBuilder(ret + " ([");
        int shown = 0;
        for (int i = 0; i < n; i++) {
            int revents = b.getShort(8 * i + 6) & 0xffff;
            if (revents != 0) {
                out.append(shown++ == 0 ? "" : ", ").append("{fd=").append(SyscallFlags.fd(c, b.getInt(8 * i), decode)).append(", revents=")
                        .append(Syscalls.flags(revents, POLL_BITS, POLL_NAMES, "0")).append('}');
            }
        }
        return c.clip(out.append(']').append(left(c, tsp)).append(')').toString());
    }

    /**
     * _pselect6_retstr(ret, n, inp, outp, exp, tsp, decode): pselect6's result with the sets that are ready:
     * {@code 3 (in [0 7], out [8], left {tv_sec=0, tv_nsec=999})}, {@code 0 (Timeout)}.
     */
    @Function(value = "_pselect6_retstr", pure = true)
    public static String pselect6_retstr(Context c, long ret, long n, long inp, long outp, long exp, long tsp,
            long decode) {
        if (ret < 0) {
            return Syscalls.return_str(1, ret);
        }
        if (ret == 0) {
            return "0 (Timeout)";
        }
        StringBuilder out = new StringBuilder(ret + " (");
        String[] words = {"in", "out", "except"};
        long[] sets = {inp, outp, exp};
        for (int i = 0; i < 3; i++) {
            String set = sets[i] == 0 ? "[]" : SyscallFlags.fd_set_u(c, n, sets[i], decode);
            if (!set.equals("[]") && set.startsWith("[")) {
                out.append(out.charAt(out.length() - 1) == '(' ? "" : ", ").append(words[i]).append(' ').append(set);
            }
        }
        String left = left(c, tsp);
        return out.append(out.charAt(out.length() - 1) == '(' ? left.replaceFirst("^, ", "") : left).append(')')
                .toString();
    }
}
