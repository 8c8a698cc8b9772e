package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Dir;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/**
 * /bin/cp SRC DST, cp SRC... DIR; {@code -r}/{@code -R} copies directories, {@code -f} removes a
 * destination that cannot be opened. The data goes read(2) to write(2) through one user buffer;
 * the copy gets the source's permission bits.
 */
public final class Cp extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "rRfpa");
        boolean recursive = false;
        boolean force = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'r', 'R', 'a' -> recursive = true;
                case 'f' -> force = true;
                case 'p' -> { }
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        Targets t = Targets.of(p, g.operands());
        if (t == null) {
            return 1;
        }
        String dest = t.dest();
        long buf = p.libc.mmap(0, Cat.BUF, 3, 0x22);
        int status = 0;
        for (String src : t.sources()) {
            String target = t.target(src);
            if (!copy(p, src, target, recursive, force, buf)) {
                status = 1;
            }
        }
        return status;
    }

    static String basename(String path) {
        String s = path;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int slash = s.lastIndexOf('/');
        return slash < 0 || s.equals("/") ? s : s.substring(slash + 1);
    }

    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Copies src to target (a tree with {@code recursive}); false after printing an error. */
    static boolean copy(Proc p, String src, String target, boolean recursive, boolean force, long buf) {
        Libc libc = p.libc;
        Stat st = new Stat();
        long r = libc.stat(src, st);
        if (r < 0) {
            p.error("cannot stat " + Proc.quote(src), r);
            return false;
        }
        if (st.isDir()) {
            if (!recursive) {
                p.error("-r not specified; omitting directory " + Proc.quote(src));
                return false;
            }
            long m = libc.mkdir(target, st.st_mode & 07777);
            if (m < 0 && m != -Errno.EEXIST) {
                p.error("cannot create directory " + Proc.quote(target), m);
                return false;
            }
            Dir d = Dir.openat(libc, Libc.AT_FDCWD, src);
            if (d == null) {
                p.error("cannot access " + Proc.quote(src), libc.errno);
                return false;
            }
            var entries = d.readAll();
            d.close();
            boolean ok = true;
            for (Dir.Dirent e : entries == null ? List.<Dir.Dirent>of() : entries) {
                if (!e.d_name().equals(".") && !e.d_name().equals("..")) {
                    ok &= copy(p, join(src, e.d_name()), join(target, e.d_name()), true, force, buf);
                }
            }
            return ok;
        }
        Stat ts = new Stat();
        if (libc.stat(target, ts) == 0 && ts.st_ino == st.st_ino && ts.st_dev == st.st_dev) {
            p.error(Proc.quote(src) + " and " + Proc.quote(target) + " are the same file");
            return false;
        }
        long in = libc.open(src, Libc.O_RDONLY, 0);
        if (in < 0) {
            p.error("cannot open " + Proc.quote(src) + " for reading", in);
            return false;
        }
        long out = libc.open(target, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, st.st_mode & 07777);
        if (out < 0 && force) {
            libc.unlinkat(Libc.AT_FDCWD, target, 0);
            out = libc.open(target, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, st.st_mode & 07777);
        }
        if (out < 0) {
            p.error("cannot create regular file " + Proc.quote(target), out);
            libc.close((int) in);
            return false;
        }
        boolean ok = true;
        while (true) {
            long n = libc.read((int) in, buf, Cat.BUF);
            if (n == 0) {
                break;
            }
            if (n < 0) {
                p.error("error reading " + Proc.quote(src), n);
                ok = false;
                break;
            }
            long w = libc.write_all((int) out, buf, n);
            if (w < 0) {
                p.error("error writing " + Proc.quote(target), w);
                ok = false;
                break;
            }
        }
        libc.close((int) in);
        libc.close((int) out);
        return ok;
    }
}
