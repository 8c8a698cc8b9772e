package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/mount: with no operands, /proc/mounts as "SRC on DIR type FS (OPTS)"; {@code mount [-t
 * TYPE] [-o OPTS] SRC DIR} calls mount(2) (ro, nosuid, nodev, noexec, remount as MS_ flags, the
 * other options as data). /bin/umount DIR is umount2.
 */
public final class Mount extends Program {
    private final boolean umount;

    public Mount(boolean umount) {
        this.umount = umount;
    }

    @Override
    protected int main(Proc p) {
        if (umount) {
            return umount(p);
        }
        Getopt g = new Getopt(p, "t:o:");
        String type = null;
        String opts = null;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 't' -> type = g.optarg();
                case 'o' -> opts = g.optarg();
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        var ops = g.operands();
        if (ops.isEmpty()) {
            return list(p, type);
        }
        if (ops.size() != 2) {
            p.err().print("Usage:\n mount [-t <type>] [-o <options>] <source> <directory>\n");
            return 1;
        }
        long flags = 0;
        StringBuilder data = new StringBuilder();
        if (opts != null) {
            for (String o : opts.split(",")) {
                switch (o) {
                    case "ro" -> flags |= 1;
                    case "rw", "defaults" -> { }
                    case "nosuid" -> flags |= 2;
                    case "nodev" -> flags |= 4;
                    case "noexec" -> flags |= 8;
                    case "remount" -> flags |= 32;
                    case "bind" -> flags |= 4096;
                    default -> data.append(data.isEmpty() ? "" : ",").append(o);
                }
            }
        }
        long r = p.libc.mount(ops.get(0), ops.get(1), type == null ? "none" : type, flags,
                data.isEmpty() ? null : data.toString());
        if (r == -19 && type != null) {
            p.error(ops.get(1) + ": unknown filesystem type " + Proc.quote(type) + ".");
            return 32;
        }
        if (r < 0) {
            p.error(ops.get(1) + ": " + Libc.strerror(r) + ".");
            return 32;
        }
        return 0;
    }

    private static int list(Proc p, String type) {
        long fd = p.libc.open("/proc/mounts", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            p.error("/proc/mounts", fd);
            return 1;
        }
        Stdio.In in = new Stdio.In(p.libc, (int) fd);
        for (String line; (line = in.readLine()) != null;) {
            String[] f = line.strip().split(" ");
            if (f.length >= 4 && (type == null || type.equals(f[2]))) {
                p.out().print(f[0] + " on " + f[1] + " type " + f[2] + " (" + f[3] + ")\n");
            }
        }
        in.release();
        p.libc.close((int) fd);
        return 0;
    }

    private static int umount(Proc p) {
        if (p.args().isEmpty()) {
            p.err().print("Usage:\n umount <directory>\n");
            return 1;
        }
        int status = 0;
        for (String d : p.args()) {
            if (d.startsWith("-")) {
                continue;
            }
            long r = p.libc.umount2(d, 0);
            if (r < 0) {
                p.error(d + ": " + Libc.strerror(r) + ".");
                status = 32;
            }
        }
        return status;
    }
}
