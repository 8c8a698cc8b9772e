package org.jstap.sim.userland.bin;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/ip, iproute2's ip for IPv4 with its output layouts: {@code ip addr|link|route|neigh}
 * [show], {@code ip addr add A/N dev D}, {@code ip link set D up|down}, {@code ip route
 * add|del default|A/N via G [dev D]}. There is no rtnetlink in this kernel, so ip works as
 * net-tools' ifconfig and route do, over the old interfaces: the SIOC[GS]IF* ioctls (flags, MTU,
 * hardware address, queue length, address, netmask, broadcast), SIOCADDRT/SIOCDELRT, and
 * /proc/net/dev, /proc/net/route and /proc/net/arp. What those do not carry is derived as the
 * kernel would have it: a device's qdisc (noop when down, noqueue for lo, else pfifo_fast) and
 * operstate (lo UNKNOWN, others UP with carrier), "proto kernel scope link src" for the routes of
 * an address's own subnet, an address's scope (host for 127/8), and a neighbour's state from the
 * ATF flags (complete: REACHABLE, permanent: PERMANENT, else INCOMPLETE). Errors read as
 * iproute2's ("RTNETLINK answers: File exists", status 2).
 *
 * <pre>{@code
 * ip addr add 10.0.0.1/24 dev eth0; ip link set eth0 up; ip route add default via 10.0.0.254
 * }</pre>
 */
public final class Ip extends Program {
    static final int SIOCGIFINDEX = 0x8933;
    static final int SIOCGIFMTU = 0x8921;
    static final int SIOCGIFHWADDR = 0x8927;
    static final int SIOCGIFTXQLEN = 0x8942;
    static final int SIOCGIFADDR = 0x8915;
    static final int SIOCSIFADDR = 0x8916;
    static final int SIOCGIFBRDADDR = 0x8919;
    static final int SIOCGIFNETMASK = 0x891b;
    static final int SIOCSIFNETMASK = 0x891c;
    static final int SIOCADDRT = 0x890B;
    static final int SIOCDELRT = 0x890C;
    static final int IFF_BROADCAST = 0x2;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_RUNNING = 0x40;

    @Override
    protected int main(Proc p) {
        List<String> a = p.args();
        if (a.isEmpty()) {
            p.err().print("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
            return 255;
        }
        long s = p.libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        if (s < 0) {
            p.err().print("Cannot open socket: " + Errno.strerror(s) + "\n");
            return 1;
        }
        int fd = (int) s;
        String obj = a.get(0);
        List<String> rest = a.subList(1, a.size());
        String cmd = rest.isEmpty() ? "show" : rest.get(0);
        if (matches(obj, "address")) {
            return cmd.equals("add") ? addr_add(p, fd, rest.subList(1, rest.size())) : show_links(p, fd, true);
        } else if (matches(obj, "link")) {
            return cmd.equals("set") ? link_set(p, fd, rest.subList(1, rest.size())) : show_links(p, fd, false);
        } else if (matches(obj, "route")) {
            if (cmd.equals("add") || cmd.equals("del") || cmd.equals("delete")) {
                return route_change(p, fd, !cmd.equals("add"), rest.subList(1, rest.size()));
            }
            return show_routes(p, fd);
        } else if (matches(obj, "neighbour") || obj.equals("neighbor")) {
            return show_neigh(p);
        }
        p.err().print("Object \"" + obj + "\" is unknown, try \"ip help\".\n");
        return 1;
    }

    /** iproute2's matches(): a prefix of the full word. */
    static boolean matches(String arg, String word) {
        return !arg.isEmpty() && word.startsWith(arg);
    }

    private static int fail(Proc p, long err) {
        p.err().print("RTNETLINK answers: " + Errno.strerror(err) + "\n");
        return 2;
    }

    /** ioctl on a struct ifreq for {@code dev}: the 40 bytes after, or null with the error in err[0]. */
    private static byte[] ifreq(Proc p, int fd, int cmd, String dev, byte[] in, long[] err) {
        Libc libc = p.libc;
        long ifr = libc.push_ifreq(dev);
        if (in != null) {
            p.cpu.write(ifr + 16, in, 0, in.length);
        }
        err[0] = libc.ioctl(fd, cmd, ifr);
        byte[] out = new byte[40];
        p.cpu.read(ifr, out, 0, 40);
        libc.pop(ifr, 40);
        return err[0] < 0 ? null : out;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int off) {
        return u16(b, off) | u16(b, off + 2) << 16;
    }

    private static int sinAddr(byte[] b) {
        return (b[20] & 0xff) << 24 | (b[21] & 0xff) << 16 | (b[22] & 0xff) << 8 | (b[23] & 0xff);
    }

    /** The whole text of a (/proc) file, or null if it cannot be read. */
    private static String readFile(Proc p, String path) {
        Libc libc = p.libc;
        long fd = libc.open(path, Libc.O_RDONLY, 0);
        if (fd < 0) {
            return null;
        }
        long buf = libc.mmap(0, 65536, 3, 0x22);
        StringBuilder s = new StringBuilder();
        for (long n; (n = libc.read((int) fd, buf, 65536)) > 0; ) {
            byte[] b = new byte[(int) n];
            p.cpu.read(buf, b, 0, b.length);
            s.append(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        libc.close((int) fd);
        libc.munmap(buf, 65536);
        return s.toString();
    }

    /** The device names of /proc/net/dev, in its order (registration order: ifindex). */
    private static List<String> devices(Proc p) {
        List<String> names = new ArrayList<>();
        String dev = readFile(p, "/proc/net/dev");
        if (dev == null) {
            return names;
        }
        for (String line : dev.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("|")) {
                names.add(line.substring(0, colon).strip());
            }
        }
        return names;
    }

    /** Addresses of a device: {local, prefixlen, broadcast}, or null. */
    private static int[] address(Proc p, int fd, String dev) {
        long[] err = new long[1];
        byte[] a = ifreq(p, fd, SIOCGIFADDR, dev, null, err);
        if (a == null) {
            return null;
        }
        byte[] m = ifreq(p, fd, SIOCGIFNETMASK, dev, null, err);
        byte[] b = ifreq(p, fd, SIOCGIFBRDADDR, dev, null, err);
        return new int[] {sinAddr(a), m == null ? 32 : Integer.bitCount(sinAddr(m)), b == null ? 0 : sinAddr(b)};
    }

    private static String mac(byte[] b, int off) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(String.format("%02x", b[off + i] & 0xff));
        }
        return s.toString();
    }

    /** print_link_flags: NO-CARRIER, then the flags in iproute2's order (LOWER_UP is RUNNING here). */
    static String link_flags(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & 1) != 0 && (flags & IFF_RUNNING) == 0) {
            out.add("NO-CARRIER");
        }
        String[] names = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC",
            "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP"};
        int[] bits = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800, 0x4, 0x8000, 0x4000, 0x2000, 0x20, 0x1};
        for (int i = 0; i < names.length; i++) {
            if ((flags & bits[i]) != 0) {
                out.add(names[i]);
            }
        }
        if ((flags & IFF_RUNNING) != 0) {
            out.add("LOWER_UP");
        }
        return "<" + String.join(",", out) + ">";
    }

    /** ip link / ip addr: a block per device in ifindex order. */
    private static int show_links(Proc p, int fd, boolean addrs) {
        long[] err = new long[1];
        StringBuilder out = new StringBuilder();
        for (String dev : devices(p)) {
            byte[] fl = ifreq(p, fd, Libc.SIOCGIFFLAGS, dev, null, err);
            byte[] ix = ifreq(p, fd, SIOCGIFINDEX, dev, null, err);
            byte[] mtu = ifreq(p, fd, SIOCGIFMTU, dev, null, err);
            byte[] hw = ifreq(p, fd, SIOCGIFHWADDR, dev, null, err);
            byte[] ql = ifreq(p, fd, SIOCGIFTXQLEN, dev, null, err);
            if (fl == null || ix == null || mtu == null || hw == null || ql == null) {
                continue;
            }
            int flags = u16(fl, 16);
            boolean up = (flags & 1) != 0;
            boolean lo = (flags & IFF_LOOPBACK) != 0;
            String qdisc = !up ? "noop" : lo ? "noqueue" : "pfifo_fast";
            String state = lo ? (up ? "UNKNOWN" : "DOWN") : up && (flags & IFF_RUNNING) != 0 ? "UP" : "DOWN";
            out.append(u32(ix, 16)).append(": ").append(dev).append(": ").append(link_flags(flags)).append(" mtu ")
                    .append(u32(mtu, 16)).append(" qdisc ").append(qdisc).append(" state ").append(state)
                    .append(addrs ? "" : " mode DEFAULT").append(" group default qlen ").append(u32(ql, 16)).append('\n');
            out.append(lo ? "    link/loopback " : "    link/ether ").append(mac(hw, 18)).append(" brd ")
                    .append(lo ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff").append('\n');
            int[] in = addrs ? address(p, fd, dev) : null;
            if (in != null) {
                out.append("    inet ").append(Libc.inet_ntoa(in[0])).append('/').append(in[1]);
                if (in[2] != 0 && (flags & IFF_BROADCAST) != 0) {
                    out.append(" brd ").append(Libc.inet_ntoa(in[2]));
                }
                out.append(" scope ").append((in[0] >>> 24) == 127 ? "host" : "global").append(' ').append(dev)
                        .append('\n');
                out.append("       valid_lft forever preferred_lft forever\n");
            }
        }
        p.out().print(out.toString());
        return 0;
    }

    /** ip addr add A/N dev D: SIOCSIFADDR, then SIOCSIFNETMASK (which recomputes the broadcast). */
    private static int addr_add(Proc p, int fd, List<String> args) {
        String prefix = null;
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("dev") && i + 1 < args.size()) {
                dev = args.get(++i);
            } else if (prefix == null) {
                prefix = args.get(i);
            }
        }
        if (prefix == null || dev == null) {
            p.err().print("Not enough information: \"dev\" argument is required.\n");
            return 1;
        }
        int slash = prefix.indexOf('/');
        boolean[] ok = new boolean[1];
        int addr = Libc.inet_aton(slash < 0 ? prefix : prefix.substring(0, slash), ok);
        int len = slash < 0 ? 32 : Integer.parseInt(prefix.substring(slash + 1));
        if (!ok[0] || len < 0 || len > 32) {
            p.err().print("Error: any valid prefix is expected rather than \"" + prefix + "\".\n");
            return 1;
        }
        long[] err = new long[1];
        if (ifreq(p, fd, SIOCSIFADDR, dev, Libc.sockaddr_in(addr, 0), err) == null) {
            return err[0] == -Errno.ENODEV ? nodev(p, dev) : fail(p, err[0]);
        }
        int mask = len == 0 ? 0 : -1 << (32 - len);
        if (ifreq(p, fd, SIOCSIFNETMASK, dev, Libc.sockaddr_in(mask, 0), err) == null) {
            return fail(p, err[0]);
        }
        return 0;
    }

    private static int nodev(Proc p, String dev) {
        p.err().print("Cannot find device \"" + dev + "\"\n");
        return 1;
    }

    /** ip link set D up|down. */
    private static int link_set(Proc p, int fd, List<String> args) {
        String dev = null;
        Boolean up = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "dev" -> dev = i + 1 < args.size() ? args.get(++i) : null;
                default -> dev = args.get(i);
            }
        }
        if (dev == null) {
            p.err().print("Not enough of information: \"dev\" argument is required.\n");
            return 255;
        }
        if (up == null) {
            return 0;
        }
        long r = p.libc.if_set_up(fd, dev, up);
        if (r == -Errno.ENODEV) {
            return nodev(p, dev);
        }
        return r < 0 ? fail(p, r) : 0;
    }

    /** ip route add|del PREFIX [via G] [dev D] [metric N]: a struct rtentry for SIOCADDRT/SIOCDELRT. */
    private static int route_change(Proc p, int fd, boolean del, List<String> args) {
        int dst = 0;
        int len = 0;
        int gw = 0;
        String dev = null;
        int metric = 0;
        boolean[] ok = new boolean[1];
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("via") && i + 1 < args.size()) {
                gw = Libc.inet_aton(args.get(++i), ok);
            } else if (w.equals("dev") && i + 1 < args.size()) {
                dev = args.get(++i);
            } else if (w.equals("metric") && i + 1 < args.size()) {
                metric = Integer.parseInt(args.get(++i));
            } else if (!w.equals("default")) {
                int slash = w.indexOf('/');
                dst = Libc.inet_aton(slash < 0 ? w : w.substring(0, slash), ok);
                len = slash < 0 ? 32 : Integer.parseInt(w.substring(slash + 1));
            }
        }
        Libc libc = p.libc;
        byte[] rt = new byte[120];
        System.arraycopy(Libc.sockaddr_in(dst, 0), 0, rt, 8, 16);
        System.arraycopy(Libc.sockaddr_in(gw, 0), 0, rt, 24, 16);
        System.arraycopy(Libc.sockaddr_in(len == 0 ? 0 : -1 << (32 - len), 0), 0, rt, 40, 16);
        int flags = 1 | (gw != 0 ? 2 : 0) | (len == 32 ? 4 : 0);
        rt[56] = (byte) flags;
        rt[80] = (byte) (metric + 1);
        long name = 0;
        if (dev != null) {
            name = libc.push_bytes((dev + "\0").getBytes());
            for (int i = 0; i < 8; i++) {
                rt[88 + i] = (byte) (name >>> (8 * i));
            }
        }
        long a = libc.push_bytes(rt);
        long r = libc.ioctl(fd, del ? SIOCDELRT : SIOCADDRT, a);
        libc.pop(a, 120);
        if (r == -Errno.ENODEV && dev != null) {
            return nodev(p, dev);
        }
        return r < 0 ? fail(p, r) : 0;
    }

    /** ip route: the main table from /proc/net/route. */
    private static int show_routes(Proc p, int fd) {
        String text = readFile(p, "/proc/net/route");
        if (text == null) {
            return 1;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\t");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            int dst = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
            int gw = Integer.reverseBytes((int) Long.parseLong(f[2], 16));
            int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
            int metric = Integer.parseInt(f[6]);
            int len = Integer.bitCount(mask);
            out.append(len == 0 ? "default" : Libc.inet_ntoa(dst) + (len == 32 ? "" : "/" + len));
            if (gw != 0) {
                out.append(" via ").append(Libc.inet_ntoa(gw));
            }
            out.append(" dev ").append(f[0]);
            int[] in = gw == 0 ? address(p, fd, f[0]) : null;
            if (in != null && (in[0] & mask) == dst && Integer.bitCount(mask) == in[1]) {
                out.append(" proto kernel scope link src ").append(Libc.inet_ntoa(in[0]));
            } else if (gw == 0) {
                out.append(" scope link");
            }
            if (metric != 0) {
                out.append(" metric ").append(metric);
            }
            out.append(" \n");
        }
        p.out().print(out.toString());
        return 0;
    }

    /** ip neigh: /proc/net/arp's entries. */
    private static int show_neigh(Proc p) {
        String text = readFile(p, "/proc/net/arp");
        if (text == null) {
            return 1;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 6 || f[0].equals("IP")) {
                continue;
            }
            int flags = Integer.decode(f[2]);
            out.append(f[0]).append(" dev ").append(f[5]);
            if ((flags & 0x2) != 0) {
                out.append(" lladdr ").append(f[3]).append((flags & 0x4) != 0 ? " PERMANENT" : " REACHABLE");
            } else {
                out.append(" INCOMPLETE");
            }
            out.append(" \n");
        }
        p.out().print(out.toString());
        return 0;
    }
}
