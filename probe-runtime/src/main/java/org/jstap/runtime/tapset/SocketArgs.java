package org.jstap.runtime.tapset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.runtime.Context;

/**
 * The socket calls' arguments as strace 6 prints them, for the syscall tapset: families, types,
 * protocols, message flags, option levels and names ({@code AF_UNIX}, {@code SOCK_STREAM|SOCK_CLOEXEC},
 * {@code MSG_DONTWAIT|MSG_NOSIGNAL}, {@code SOL_SOCKET, SO_REUSEADDR}), and the structures read
 * from user memory: {@code {sa_family=AF_UNIX, sun_path="/tmp/s"}}, {@code [110 => 2]},
 * {@code [3, 4]}, a whole struct msghdr with its iovecs and control messages. Results (what
 * accept, getsockname, recvfrom, getsockopt and recvmsg wrote) are decoded by the return
 * aliases with the entry's lengths; a failed call's output arguments print as addresses, as
 * strace shows them. Reads use the {@code *_nofault} accessors, so a probe never faults.
 */
public final class SocketArgs {
    private SocketArgs() {}

    private static final String[] AF_NAMES = {"AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK",
        "AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet", "AF_NETBEUI",
        "AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH", "AF_ECONET", "AF_ATMSVC", "AF_RDS", "AF_SNA",
        "AF_IRDA", "AF_PPPOX", "AF_WANPIPE", "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC", "AF_BLUETOOTH",
        "AF_IUCV", "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG", "AF_NFC", "AF_VSOCK",
        "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP"};

    /** strace's xlat fallback: the number in hex and the class it should have named. */
    private static String unknown(long v, String what) {
        return "0x" + Long.toHexString(v & 0xffffffffL) + " /* " + what + " */";
    }

    private static String name(long v, String[] names, String what) {
        return v >= 0 && v < names.length && names[(int) v] != null ? names[(int) v] : unknown(v, what);
    }

    /** printflags: the known names joined by |, then what is left in hex; " / * X??? * /" when none was known. */
    private static String printflags(long value, long[] bits, String[] names, String what) {
        if (value == 0) {
            return "0";
        }
        StringBuilder out = new StringBuilder();
        long rest = value;
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                out.append(out.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            if (out.isEmpty()) {
                return unknown(rest, what);
            }
            out.append("|0x").append(Long.toHexString(rest));
        }
        return out.toString();
    }

    /** _sock_family_str(family): AF_UNIX, AF_INET ...; {@code 0x63 /* AF_??? * /} for an unknown one. */
    @Function(value = "_sock_family_str", pure = true)
    public static String sock_family_str(long family) {
        return name((int) family, AF_NAMES, "AF_???");
    }

    private static final String[] SOCK_TYPES = {null, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM",
        "SOCK_SEQPACKET", "SOCK_DCCP", null, null, null, "SOCK_PACKET"};

    /** _sock_type_str(type): the type, then SOCK_CLOEXEC and SOCK_NONBLOCK, as strace orders them. */
    @Function(value = "_sock_type_str", pure = true)
    public static String sock_type_str(long type) {
        long t = type & 0xf;
        long flags = type & 0xffffffffL;
        String base = t < SOCK_TYPES.length ? SOCK_TYPES[(int) t] : null;
        if (base != null) {
            flags &= ~0xfL;
            return flags == 0 ? base : base + "|" + sock_type_flags(flags);
        }
        return sock_type_flags(flags);
    }

    /** _sock_flags_str(flags): accept4's SOCK_CLOEXEC|SOCK_NONBLOCK, {@code 0} for none. */
    @Function(value = "_sock_flags_str", pure = true)
    public static String sock_flags_str(long flags) {
        return sock_type_flags(flags & 0xffffffffL);
    }

    private static String sock_type_flags(long flags) {
        return printflags(flags, new long[] {02000000, 04000}, new String[] {"SOCK_CLOEXEC", "SOCK_NONBLOCK"},
                "SOCK_???");
    }

    /** _sock_protocol_str(family, protocol): IPPROTO_TCP & co for the inet families, the number otherwise. */
    @Function(value = "_sock_protocol_str", pure = true)
    public static String sock_protocol_str(long family, long protocol) {
        if (family != 2 && family != 10) {
            return Long.toString((int) protocol);
        }
        return switch ((int) protocol) {
            case 0 -> "IPPROTO_IP";
            case 1 -> "IPPROTO_ICMP";
            case 2 -> "IPPROTO_IGMP";
            case 6 -> "IPPROTO_TCP";
            case 17 -> "IPPROTO_UDP";
            case 41 -> "IPPROTO_IPV6";
            case 58 -> "IPPROTO_ICMPV6";
            case 132 -> "IPPROTO_SCTP";
            case 136 -> "IPPROTO_UDPLITE";
            case 255 -> "IPPROTO_RAW";
            default -> unknown(protocol, "IPPROTO_???");
        };
    }

    private static final long[] MSG_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800,
        0x1000, 0x2000, 0x4000, 0x8000, 0x10000, 0x40000, 0x80000, 0x4000000, 0x20000000, 0x40000000, 0x80000000L};
    private static final String[] MSG_NAMES = {"MSG_OOB", "MSG_PEEK", "MSG_DONTROUTE", "MSG_CTRUNC", "MSG_PROXY",
        "MSG_TRUNC", "MSG_DONTWAIT", "MSG_EOR", "MSG_WAITALL", "MSG_FIN", "MSG_SYN", "MSG_CONFIRM", "MSG_RST",
        "MSG_ERRQUEUE", "MSG_NOSIGNAL", "MSG_MORE", "MSG_WAITFORONE", "MSG_BATCH", "MSG_NO_SHARED_FRAGS",
        "MSG_ZEROCOPY", "MSG_FASTOPEN", "MSG_CMSG_CLOEXEC", "MSG_CMSG_COMPAT"};

    /** _msg_flags_str(flags): {@code MSG_DONTWAIT|MSG_NOSIGNAL}, {@code 0} for none. */
    @Function(value = "_msg_flags_str", pure = true)
    public static String msg_flags_str(long flags) {
        return printflags(flags & 0xffffffffL, MSG_BITS, MSG_NAMES, "MSG_???");
    }

    /** _shutdown_how_str(how): SHUT_RD, SHUT_WR, SHUT_RDWR. */
    @Function(value = "_shutdown_how_str", pure = true)
    public static String shutdown_how_str(long how) {
        return name((int) how, new String[] {"SHUT_RD", "SHUT_WR", "SHUT_RDWR"}, "SHUT_???");
    }

    /** _sockopt_level_str(level): SOL_SOCKET, SOL_TCP, SOL_IP...; {@code 0x63 /* SOL_?? * /} otherwise. */
    @Function(value = "_sockopt_level_str", pure = true)
    public static String sockopt_level_str(long level) {
        return switch ((int) level) {
            case 0 -> "SOL_IP";
            case 1 -> "SOL_SOCKET";
            case 6 -> "SOL_TCP";
            case 17 -> "SOL_UDP";
            case 41 -> "SOL_IPV6";
            case 58 -> "SOL_ICMPV6";
            case 255 -> "SOL_RAW";
            case 263 -> "SOL_PACKET";
            case 270 -> "SOL_NETLINK";
            default -> unknown(level, "SOL_??");
        };
    }

    private static final String[] SO_NAMES = {null, "SO_DEBUG", "SO_REUSEADDR", "SO_TYPE", "SO_ERROR", "SO_DONTROUTE",
        "SO_BROADCAST", "SO_SNDBUF", "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY",
        "SO_LINGER", "SO_BSDCOMPAT", "SO_REUSEPORT", "SO_PASSCRED", "SO_PEERCRED", "SO_RCVLOWAT", "SO_SNDLOWAT",
        "SO_RCVTIMEO_OLD", "SO_SNDTIMEO_OLD", "SO_SECURITY_AUTHENTICATION", "SO_SECURITY_ENCRYPTION_TRANSPORT",
        "SO_SECURITY_ENCRYPTION_NETWORK", "SO_BINDTODEVICE", "SO_ATTACH_FILTER", "SO_DETACH_FILTER", "SO_PEERNAME",
        "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN", "SO_PEERSEC", "SO_SNDBUFFORCE", "SO_RCVBUFFORCE", "SO_PASSSEC",
        "SO_TIMESTAMPNS_OLD", "SO_MARK", "SO_TIMESTAMPING_OLD", "SO_PROTOCOL", "SO_DOMAIN", "SO_RXQ_OVFL",
        "SO_WIFI_STATUS", "SO_PEEK_OFF", "SO_NOFCS", "SO_LOCK_FILTER", "SO_SELECT_ERR_QUEUE", "SO_BUSY_POLL",
        "SO_MAX_PACING_RATE", "SO_BPF_EXTENSIONS", "SO_INCOMING_CPU", "SO_ATTACH_BPF", "SO_ATTACH_REUSEPORT_CBPF",
        "SO_ATTACH_REUSEPORT_EBPF", "SO_CNX_ADVICE", "SCM_TIMESTAMPING_OPT_STATS", "SO_MEMINFO",
        "SO_INCOMING_NAPI_ID", "SO_COOKIE", "SCM_TIMESTAMPING_PKTINFO", "SO_PEERGROUPS", "SO_ZEROCOPY", "SO_TXTIME",
        "SO_BINDTOIFINDEX", "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW", "SO_RCVTIMEO_NEW",
        "SO_SNDTIMEO_NEW", "SO_DETACH_REUSEPORT_BPF", "SO_PREFER_BUSY_POLL", "SO_BUSY_POLL_BUDGET",
        "SO_NETNS_COOKIE", "SO_BUF_LOCK", "SO_RESERVE_MEM", "SO_TXREHASH"};

    private static final String[] TCP_NAMES = {null, "TCP_NODELAY", "TCP_MAXSEG", "TCP_CORK", "TCP_KEEPIDLE",
        "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_SYNCNT", "TCP_LINGER2", "TCP_DEFER_ACCEPT", "TCP_WINDOW_CLAMP",
        "TCP_INFO", "TCP_QUICKACK", "TCP_CONGESTION", "TCP_MD5SIG", null, "TCP_THIN_LINEAR_TIMEOUTS",
        "TCP_THIN_DUPACK", "TCP_USER_TIMEOUT", "TCP_REPAIR", "TCP_REPAIR_QUEUE", "TCP_QUEUE_SEQ",
        "TCP_REPAIR_OPTIONS", "TCP_FASTOPEN", "TCP_TIMESTAMP", "TCP_NOTSENT_LOWAT", "TCP_CC_INFO", "TCP_SAVE_SYN",
        "TCP_SAVED_SYN", "TCP_REPAIR_WINDOW", "TCP_FASTOPEN_CONNECT", "TCP_ULP", "TCP_MD5SIG_EXT",
        "TCP_FASTOPEN_KEY", "TCP_FASTOPEN_NO_COOKIE", "TCP_ZEROCOPY_RECEIVE", "TCP_INQ", "TCP_TX_DELAY"};

    private static final String[] IP_NAMES = {null, "IP_TOS", "IP_TTL", "IP_HDRINCL", "IP_OPTIONS", "IP_ROUTER_ALERT",
        "IP_RECVOPTS", "IP_RETOPTS", "IP_PKTINFO", "IP_PKTOPTIONS", "IP_MTU_DISCOVER", "IP_RECVERR", "IP_RECVTTL",
        "IP_RECVTOS", "IP_MTU", "IP_FREEBIND"};

    /** _sockopt_optname_str(level, optname): the option's name at its level, the number at an unknown level. */
    @Function(value = "_sockopt_optname_str", pure = true)
    public static String sockopt_optname_str(long level, long optname) {
        return switch ((int) level) {
            case 1 -> name((int) optname, SO_NAMES, "SO_???");
            case 6 -> name((int) optname, TCP_NAMES, "TCP_???");
            case 0 -> optname >= 32 && optname <= 36
                    ? new String[] {"IP_MULTICAST_IF", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP",
                        "IP_DROP_MEMBERSHIP"}[(int) optname - 32]
                    : name((int) optname, IP_NAMES, "IP_???");
            default -> Long.toString((int) optname);
        };
    }

    // ---- structures -------------------------------------------------------------------------

    /** _strace_socklen_u(addr): the int at addr (a socklen_t), or -1 if it cannot be read. */
    @Function(value = "_strace_socklen_u", pure = true)
    public static long strace_socklen_u(Context c, long addr) {
        ByteBuffer b = SyscallFlags.read(c, addr, 4);
        return b == null ? -1 : b.getInt(0);
    }

    /**
     * _struct_sockaddr_u(addr, len): the address's first {@code len} bytes decoded by family,
     * NULL for 0, the address when shorter than sa_family or unreadable.
     */
    @Function(value = "_struct_sockaddr_u", pure = true)
    public static String struct_sockaddr_u(Context c, long addr, long len) {
        if (addr == 0) {
            return "NULL";
        }
        int n = (int) Math.min(len, 128);
        if (n < 2) {
            return SyscallFlags.pointer(addr);
        }
        ByteBuffer b = SyscallFlags.read(c, addr, n);
        if (b == null) {
            return SyscallFlags.pointer(addr);
        }
        byte[] raw = b.array();
        int family = b.getShort(0) & 0xffff;
        StringBuilder out = new StringBuilder("{sa_family=").append(sock_family_str(family));
        if (n > 2) {
            out.append(", ");
            switch (family) {
                case 1 -> sockaddr_un(out, raw, n);
                case 2 -> sockaddr_in(out, b, raw, n);
                case 10 -> sockaddr_in6(out, b, raw, n);
                default -> out.append("sa_data=").append(SyscallFlags.quote(slice(raw, 2, n), n - 2, 0));
            }
        }
        return c.clip(out.append('}').toString());
    }

    private static byte[] slice(byte[] raw, int from, int to) {
        return java.util.Arrays.copyOfRange(raw, from, Math.max(from, to));
    }

    /** sun_path: a file name up to its NUL, or an abstract name ("@" and every byte). */
    private static void sockaddr_un(StringBuilder out, byte[] raw, int n) {
        int len = Math.min(n, 110) - 2;
        out.append("sun_path=");
        if (raw[2] != 0) {
            int end = 2;
            while (end < 2 + len && raw[end] != 0) {
                end++;
            }
            out.append(SyscallFlags.quote(slice(raw, 2, end), end - 2, 0));
        } else {
            out.append('@').append(SyscallFlags.quote(slice(raw, 3, 2 + len), len - 1, 0));
        }
    }

    private static void sockaddr_in(StringBuilder out, ByteBuffer b, byte[] raw, int n) {
        if (n < 16) {
            out.append("sa_data=").append(SyscallFlags.quote(slice(raw, 2, n), n - 2, 0));
            return;
        }
        int port = ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
        out.append("sin_port=htons(").append(port).append("), sin_addr=inet_addr(\"").append(raw[4] & 0xff)
                .append('.').append(raw[5] & 0xff).append('.').append(raw[6] & 0xff).append('.').append(raw[7] & 0xff)
                .append("\")");
    }

    private static void sockaddr_in6(StringBuilder out, ByteBuffer b, byte[] raw, int n) {
        if (n < 24) {
            out.append("sa_data=").append(SyscallFlags.quote(slice(raw, 2, n), n - 2, 0));
            return;
        }
        int port = ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
        long flowinfo = ByteBuffer.wrap(raw, 4, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xffffffffL;
        out.append("sin6_port=htons(").append(port).append("), sin6_flowinfo=htonl(").append(flowinfo)
                .append("), inet_pton(AF_INET6, \"").append(inet6_ntop(raw, 8)).append("\", &sin6_addr)");
        if (n >= 28) {
            out.append(", sin6_scope_id=").append(b.getInt(24) & 0xffffffffL);
        }
    }

    /** inet_ntop(AF_INET6): groups in lower-case hex, the longest run of two or more zero groups as "::". */
    static String inet6_ntop(byte[] raw, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((raw[off + 2 * i] & 0xff) << 8) | (raw[off + 2 * i + 1] & 0xff);
        }
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        int groups = mapped ? 6 : 8;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (i == bestAt) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        if (mapped) {
            if (s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(raw[off + 12] & 0xff).append('.').append(raw[off + 13] & 0xff).append('.')
                    .append(raw[off + 14] & 0xff).append('.').append(raw[off + 15] & 0xff);
        }
        return s.toString();
    }

    /**
     * _strace_sockaddr_result_u(addr, ulen, inlen, ret): an address a call wrote (accept,
     * getsockname, recvfrom): decoded as far as it was copied (the smaller of the caller's
     * length and the one written back), or the address when the call failed or wrote none.
     */
    @Function(value = "_strace_sockaddr_result_u", pure = true)
    public static String strace_sockaddr_result_u(Context c, long addr, long ulen, long inlen, long ret) {
        if (addr == 0) {
            return "NULL";
        }
        long out = ret < 0 ? -1 : strace_socklen_u(c, ulen);
        long n = Math.min(inlen, out);
        return n <= 0 ? SyscallFlags.pointer(addr) : struct_sockaddr_u(c, addr, n);
    }

    /** _strace_socklen_result_u(ulen, inlen, ret): {@code [110 => 2]} when the length changed, {@code [110]} if not. */
    @Function(value = "_strace_socklen_result_u", pure = true)
    public static String strace_socklen_result_u(Context c, long ulen, long inlen, long ret) {
        if (ulen == 0) {
            return "NULL";
        }
        if (inlen < 0 && ret < 0) {
            return SyscallFlags.pointer(ulen);
        }
        long out = ret < 0 ? inlen : strace_socklen_u(c, ulen);
        return out == inlen ? "[" + inlen + "]" : "[" + inlen + " => " + out + "]";
    }

    /**
     * _strace_fd_pair_u(addr, ret, decode): the two descriptors socketpair or pipe2 stored,
     * {@code [3, 4]}, with decode (-y) {@code [3<pipe:[5]>, 4<pipe:[5]>]}; the address if it failed.
     */
    @Function(value = "_strace_fd_pair_u", pure = true)
    public static String strace_fd_pair_u(Context c, long addr, long ret, long decode) {
        ByteBuffer b = SyscallFlags.result(c, addr, 8, ret);
        return b == null ? SyscallFlags.pointer(addr)
                : "[" + SyscallFlags.fd(c, b.getInt(0), decode) + ", " + SyscallFlags.fd(c, b.getInt(4), decode) + "]";
    }

    /**
     * _strace_sockopt_u(level, optname, addr, len, get): an option's value: {@code [1]} for an
     * int, {@code {l_onoff=1, l_linger=10}}, {@code {pid=.., uid=.., gid=..}}; other sizes as a
     * string (in hex escapes for getsockopt, as strace does).
     */
    @Function(value = "_strace_sockopt_u", pure = true)
    public static String strace_sockopt_u(Context c, long level, long optname, long addr, long len, long get) {
        if (addr == 0) {
            return "NULL";
        }
        if (len <= 0) {
            return len == 0 ? "\"\"" : SyscallFlags.pointer(addr);
        }
        int n = (int) Math.min(len, 4096);
        ByteBuffer b = SyscallFlags.read(c, addr, n);
        if (b == null) {
            return SyscallFlags.pointer(addr);
        }
        if (level == 1 && optname == 13 && n >= 8) {
            return "{l_onoff=" + b.getInt(0) + ", l_linger=" + b.getInt(4) + "}";
        }
        if (level == 1 && optname == 17 && n >= 12) {
            return "{pid=" + b.getInt(0) + ", uid=" + Integer.toUnsignedLong(b.getInt(4)) + ", gid="
                    + Integer.toUnsignedLong(b.getInt(8)) + "}";
        }
        if (n == 4) {
            return "[" + b.getInt(0) + "]";
        }
        if (get != 0) {
            StringBuilder s = new StringBuilder("\"");
            for (int i = 0; i < Math.min(n, 32); i++) {
                s.append(String.format("\\x%02x", b.get(i) & 0xff));
            }
            return c.clip(s.append('"').append(n > 32 ? "..." : "").toString());
        }
        return c.clip(SyscallFlags.quote(b.array(), Math.min(n, 32), 0) + (n > 32 ? "..." : ""));
    }

    /**
     * _strace_msghdr_u(addr, received, inNamelen, max): a struct msghdr as strace prints it. For
     * sendmsg ({@code received} -1) the iovecs show their data; for recvmsg the bytes received,
     * spread over the iovecs in order, and {@code msg_namelen} as {@code 110 => 0} if it changed.
     */
    @Function(value = "_strace_msghdr_u", pure = true)
    public static String strace_msghdr_u(Context c, long addr, long received, long inNamelen, long max) {
        ByteBuffer m = SyscallFlags.read(c, addr, 56);
        if (m == null) {
            return SyscallFlags.pointer(addr);
        }
        long name = m.getLong(0);
        int namelen = m.getInt(8);
        long iov = m.getLong(16);
        long iovlen = m.getLong(24);
        long control = m.getLong(32);
        long controllen = m.getLong(40);
        int flags = m.getInt(48);
        boolean recv = received >= 0;
        StringBuilder out = new StringBuilder("{msg_name=");
        if (recv) {
            long n = Math.min(inNamelen, namelen);
            out.append(name == 0 ? "NULL" : n > 0 ? struct_sockaddr_u(c, name, n) : SyscallFlags.pointer(name));
            out.append(", msg_namelen=").append(inNamelen != namelen ? inNamelen + " => " + namelen : namelen);
        } else {
            out.append(struct_sockaddr_u(c, name, namelen)).append(", msg_namelen=").append(namelen);
        }
        out.append(", msg_iov=").append(SyscallFlags.iovec(c, iov, iovlen, recv ? received : Long.MAX_VALUE, max, 0));
        out.append(", msg_iovlen=").append(iovlen);
        if (controllen > 0) {
            out.append(", msg_control=").append(cmsgs(c, control, controllen));
        }
        out.append(", msg_controllen=").append(controllen).append(", msg_flags=").append(msg_flags_str(flags));
        return c.clip(out.append('}').toString());
    }

    /** The control messages: SCM_RIGHTS' descriptors, SCM_CREDENTIALS' struct ucred, others' bytes. */
    private static String cmsgs(Context c, long addr, long controllen) {
        int total = (int) Math.min(controllen, 4096);
        ByteBuffer b = SyscallFlags.read(c, addr, total);
        if (b == null) {
            return SyscallFlags.pointer(addr);
        }
        StringBuilder out = new StringBuilder("[");
        int off = 0;
        while (off + 16 <= total) {
            long len = b.getLong(off);
            int level = b.getInt(off + 8);
            int type = b.getInt(off + 12);
            out.append(off == 0 ? "" : ", ").append("{cmsg_len=").append(len).append(", cmsg_level=")
                    .append(sockopt_level_str(level)).append(", cmsg_type=");
            if (len < 16 || len > total - off) {
                out.append(level == 1 ? scm_type(type) : Integer.toString(type)).append('}');
                break;
            }
            int data = (int) len - 16;
            out.append(level == 1 ? scm_type(type) : Integer.toString(type)).append(", cmsg_data=");
            if (level == 1 && type == 1) {
                out.append('[');
                for (int i = 0; i < data / 4; i++) {
                    out.append(i == 0 ? "" : ", ").append(b.getInt(off + 16 + 4 * i));
                }
                out.append(']');
            } else if (level == 1 && type == 2 && data >= 12) {
                out.append("{pid=").append(b.getInt(off + 16)).append(", uid=")
                        .append(Integer.toUnsignedLong(b.getInt(off + 20))).append(", gid=")
                        .append(Integer.toUnsignedLong(b.getInt(off + 24))).append('}');
            } else {
                out.append(SyscallFlags.quote(slice(b.array(), off + 16, off + 16 + data), data, 0));
            }
            out.append('}');
            off += (int) ((len + 7) & ~7L);
        }
        return out.append(']').toString();
    }

    private static String scm_type(int type) {
        return switch (type) {
            case 1 -> "SCM_RIGHTS";
            case 2 -> "SCM_CREDENTIALS";
            case 3 -> "SCM_SECURITY";
            case 4 -> "SCM_PIDFD";
            default -> unknown(type, "SCM_???");
        };
    }
}
