package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/mount: with no operands, /proc/mounts as "SRC on DIR type FS (OPTS)"; {@code mount [-t
 * TYPE] [-o OPTS] SRC DIR} calls mount(2) (ro, nosuid, nodev, noexec, remount as MS_ flags, the
 * other options as data); without -t it tries each device file system of /proc/filesystems, and
 * {@code mount DIR} takes the rest from /etc/fstab. Errors are worded as util-linux words them.
 * /bin/umount DIR is umount2.
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
        String src;
        String dir;
        if (ops.size() == 1) {
            // "mount /mnt": the rest comes from /etc/fstab, by mount point or by source
            String[] e = fstab(p, ops.get(0));
            if (e == null) {
                p.error(ops.get(0) + ": can't find in /etc/fstab.");
                return 1;
            }
            src = e[0];
            dir = e[1];
            type = type != null ? type : e[2].equals("auto") ? null : e[2];
            opts = opts == null ? e[3] : e[3] + "," + opts;
        } else if (ops.size() == 2) {
            src = ops.get(0);
            dir = ops.get(1);
        } else {
            p.err().print("Usage:\n mount [-t <type>] [-o <options>] <source> <directory>\n");
            return 1;
        }
        long flags = 0;
        StringBuilder data = new StringBuilder();
        if (opts != null) {
            for (String o : opts.split(",")) {
                switch (o) {
                    case "ro" -> flags |= 1;
                    case "rw", "defaults", "" -> { }
                    case "nosuid" -> flags |= 2;
                    case "nodev" -> flags |= 4;
                    case "noexec" -> flags |= 8;
                    case "remount" -> flags |= MS_REMOUNT;
                    case "bind" -> flags |= MS_BIND;
                    default -> data.append(data.isEmpty() ? "" : ",").append(o);
                }
            }
        }
        String d = data.isEmpty() ? null : data.toString();
        long r;
        if (type != null || (flags & (MS_REMOUNT | MS_BIND)) != 0) {
            r = p.libc.mount(src, dir, type == null ? "none" : type, flags, d);
        } else {
            r = mount_by_types(p, src, dir, flags, d);
        }
        if (r == -Errno.ENODEV && type != null) {
            p.error(dir + ": unknown filesystem type " + Proc.quote(type) + ".");
            return 32;
        }
        if (r < 0) {
            p.error(dir + ": " + explain(p, r, src, dir, flags));
            return 32;
        }
        return 0;
    }

    private static final long MS_REMOUNT = 32;
    private static final long MS_BIND = 4096;

    /**
     * No type given: as libmount does when blkid knows nothing, each type of /proc/filesystems
     * that needs a device, in order, until one mounts or one fails for another reason than
     * EINVAL (not its super block) or ENODEV.
     */
    private static long mount_by_types(Proc p, String src, String dir, long flags, String data) {
        long r = -Errno.EINVAL;
        for (String line : lines(p, "/proc/filesystems")) {
            if (line.startsWith("nodev") || line.isBlank()) {
                continue;
            }
            r = p.libc.mount(src, dir, line.strip(), flags, data);
            if (r != -Errno.EINVAL && r != -Errno.ENODEV) {
                return r;
            }
        }
        return r;
    }

    /** The fstab entry whose mount point or source is {@code name}: source, dir, type, options. */
    private static String[] fstab(Proc p, String name) {
        for (String line : lines(p, "/etc/fstab")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && !f[0].startsWith("#") && (f[1].equals(name) || f[0].equals(name))) {
                return new String[] {f[0], f[1], f.length > 2 ? f[2] : "auto", f.length > 3 ? f[3] : "defaults"};
            }
        }
        return null;
    }

    private static java.util.List<String> lines(Proc p, String path) {
        java.util.List<String> out = new java.util.ArrayList<>();
        long fd = p.libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            return out;
        }
        Stdio.In in = new Stdio.In(p.libc, (int) fd);
        for (String line; (line = in.readLine()) != null;) {
            out.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        }
        in.release();
        p.libc.close((int) fd);
        return out;
    }

    /** What util-linux says after "mount: DIR: " for a failed mount(2). */
    private static String explain(Proc p, long err, String src, String dir, long flags) {
        Stat st = new Stat();
        return switch ((int) -err) {
            case Errno.EPERM -> "must be superuser to use mount.";
            case Errno.EBUSY -> src + " already mounted or mount point busy.";
            case Errno.ENOENT -> p.libc.stat(dir, st) < 0 ? "mount point does not exist."
                    : "special device " + src + " does not exist.";
            case Errno.ENOTDIR -> "mount point is not a directory.";
            case Errno.ENOTBLK -> src + " is not a block device.";
            case Errno.ENXIO -> src + " is not a valid block device.";
            case Errno.EINVAL -> (flags & MS_REMOUNT) != 0 ? "mount point not mounted or bad option."
                    : "wrong fs type, bad option, bad superblock on " + src
                            + ", missing codepage or helper program, or other error.\n"
                            + "       dmesg(1) may have more information after failed mount system call.";
            default -> Libc.strerror(err) + ".";
        };
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
