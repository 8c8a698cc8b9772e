package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Dir;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/** /bin/rm: unlinkat; {@code -r} removes trees depth first, {@code -f} ignores missing files. */
public final class Rm extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "rRfid");
        boolean recursive = false;
        boolean force = false;
        boolean dirs = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'r', 'R' -> recursive = true;
                case 'f' -> force = true;
                case 'd' -> dirs = true;
                case 'i' -> { }
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        if (g.operands().isEmpty()) {
            if (force) {
                return 0;
            }
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        int status = 0;
        for (String f : g.operands()) {
            String base = Cp.basename(f);
            if (base.equals(".") || base.equals("..")) {
                p.error("refusing to remove '.' or '..' directory: skipping " + Proc.quote(f));
                status = 1;
                continue;
            }
            if (f.equals("/") || f.matches("/+")) {
                p.error("it is dangerous to operate recursively on '/'");
                p.error("use --no-preserve-root to override this failsafe");
                status = 1;
                continue;
            }
            if (!remove(p, f, recursive, force, dirs)) {
                status = 1;
            }
        }
        return status;
    }

    /** Removes {@code path} (a tree with {@code recursive}); false after printing an error. */
    static boolean remove(Proc p, String path, boolean recursive, boolean force) {
        return remove(p, path, recursive, force, false);
    }

    /** The same; {@code emptyDirs} (rm -d) lets a plain rm remove empty directories. */
    static boolean remove(Proc p, String path, boolean recursive, boolean force, boolean emptyDirs) {
        Libc libc = p.libc;
        Stat st = new Stat();
        long r = libc.lstat(path, st);
        if (r < 0) {
            if (force && r == -Errno.ENOENT) {
                return true;
            }
            p.error("cannot remove " + Proc.quote(path), r);
            return false;
        }
        if (st.isDir() && emptyDirs && !recursive) {
            r = libc.unlinkat(Libc.AT_FDCWD, path, Libc.AT_REMOVEDIR);
        } else if (st.isDir()) {
            if (!recursive) {
                p.error("cannot remove " + Proc.quote(path) + ": Is a directory");
                return false;
            }
            Dir d = Dir.openat(libc, Libc.AT_FDCWD, path);
            if (d == null) {
                p.error("cannot remove " + Proc.quote(path), libc.errno);
                return false;
            }
            var entries = d.readAll();
            d.close();
            boolean ok = true;
            if (entries != null) {
                for (Dir.Dirent e : entries) {
                    if (!e.d_name().equals(".") && !e.d_name().equals("..")) {
                        ok &= remove(p, Cp.join(path, e.d_name()), true, force, false);
                    }
                }
            }
            if (!ok) {
                return false;
            }
            r = libc.unlinkat(Libc.AT_FDCWD, path, Libc.AT_REMOVEDIR);
        } else {
            r = libc.unlinkat(Libc.AT_FDCWD, path, 0);
        }
        if (r < 0) {
            p.error("cannot remove " + Proc.quote(path), r);
            return false;
        }
        return true;
    }
}
