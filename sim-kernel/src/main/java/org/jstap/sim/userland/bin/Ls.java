package org.jstap.sim.userland.bin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jstap.sim.userland.Dir;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Passwd;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/ls: names sorted in byte order (the C locale); {@code -a} all, {@code -A} almost all,
 * {@code -R} recursive, {@code -1} one per line (the default when stdout is not a terminal; columns otherwise),
 * {@code -d} directories themselves, {@code -r} reversed, and {@code -l} in coreutils' long
 * format: mode string, links, owner and group names, size (or major, minor), "Mon dd HH:MM"
 * ("Mon dd  yyyy" beyond six months), name, and "-> target" for symbolic links.
 */
public final class Ls extends Program {
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ROOT);
    private static final long SIX_MONTHS = 31556952L / 2;

    private record Entry(String name, String path, Stat st) {}

    private static final class Options {
        boolean all;
        boolean almostAll;
        boolean longFormat;
        boolean onePerLine;
        boolean directory;
        boolean reverse;
        boolean inode;
        boolean classify;
        boolean recursive;
        long now;
        int width = 80;
        Passwd pw;
    }

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "laA1drCiFhR");
        Options o = new Options();
        boolean columns = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'l' -> o.longFormat = true;
                case 'a' -> o.all = true;
                case 'A' -> o.almostAll = true;
                case '1' -> o.onePerLine = true;
                case 'd' -> o.directory = true;
                case 'r' -> o.reverse = true;
                case 'C' -> columns = true;
                case 'i' -> o.inode = true;
                case 'F' -> o.classify = true;
                case 'R' -> o.recursive = true;
                case 'h' -> { }
                default -> {
                    p.tryHelp();
                    return 2;
                }
            }
        }
        if (!columns && !p.libc.isatty(1)) {
            o.onePerLine = true;
        }
        o.width = terminalWidth(p);
        long[] ts = new long[2];
        p.libc.clock_gettime(Libc.CLOCK_REALTIME, ts);
        o.now = ts[0];
        o.pw = new Passwd(p.libc);
        List<String> ops = g.operands().isEmpty() ? List.of(".") : g.operands();
        int status = 0;
        List<Entry> files = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (String a : ops) {
            Stat st = new Stat();
            long r = o.longFormat || o.directory ? p.libc.lstat(a, st) : p.libc.stat(a, st);
            if (r < 0 && !o.longFormat) {
                r = p.libc.lstat(a, st);
            }
            if (r < 0) {
                p.error("cannot access " + Proc.quote(a), r);
                status = 2;
                continue;
            }
            (st.isDir() && !o.directory ? dirs : files).add(new Entry(a, a, st));
        }
        sort(files, o);
        sort(dirs, o);
        Stdio.Out out = p.out();
        if (!files.isEmpty()) {
            print(p, files, o, false);
        }
        boolean headers = ops.size() > 1 || !files.isEmpty() || status != 0 || o.recursive;
        boolean first = files.isEmpty();
        for (int di = 0; di < dirs.size(); di++) {
            Entry d = dirs.get(di);
            Dir dir = Dir.openat(p.libc, Libc.AT_FDCWD, d.path());
            if (dir == null) {
                p.error("cannot open directory " + Proc.quote(d.path()), p.libc.errno);
                status = 2;
                continue;
            }
            List<Dir.Dirent> raw = dir.readAll();
            dir.close();
            if (raw == null) {
                p.error("reading directory " + Proc.quote(d.path()), p.libc.errno);
                status = 2;
                continue;
            }
            if (!first) {
                out.print("\n");
            }
            first = false;
            if (headers) {
                out.print(d.path() + ":\n");
            }
            List<Entry> entries = new ArrayList<>();
            for (Dir.Dirent e : raw) {
                String n = e.d_name();
                if (n.startsWith(".") && !o.all && !(o.almostAll && !n.equals(".") && !n.equals(".."))) {
                    continue;
                }
                String path = Cp.join(d.path(), n);
                Stat st = new Stat();
                if (o.longFormat || o.inode || o.classify) {
                    long r = p.libc.lstat(path, st);
                    if (r < 0) {
                        p.error("cannot access " + Proc.quote(path), r);
                        status = Math.max(status, 1);
                        continue;
                    }
                }
                entries.add(new Entry(n, path, st));
            }
            sort(entries, o);
            print(p, entries, o, true);
            if (o.recursive) {
                // ls -R: the subdirectories next, depth first, in listing order
                List<Entry> sub = new ArrayList<>();
                for (Entry e : entries) {
                    Stat st = e.st();
                    if (!(o.longFormat || o.inode || o.classify) && p.libc.lstat(e.path(), st) < 0) {
                        continue;
                    }
                    if (st.isDir() && !e.name().equals(".") && !e.name().equals("..")) {
                        sub.add(new Entry(e.path(), e.path(), st));
                    }
                }
                dirs.addAll(di + 1, sub);
            }
        }
        return status;
    }

    private static void sort(List<Entry> list, Options o) {
        list.sort((a, b) -> o.reverse ? b.name().compareTo(a.name()) : a.name().compareTo(b.name()));
    }

    /** TIOCGWINSZ's columns, else $COLUMNS, else 80. */
    private static int terminalWidth(Proc p) {
        long ws = p.libc.push(8);
        long r = p.libc.ioctl(1, 0x5413, ws);
        int cols = r == 0 ? (p.cpu.lbu(ws + 2) | p.cpu.lbu(ws + 3) << 8) : 0;
        p.libc.pop(ws, 8);
        if (cols > 0) {
            return cols;
        }
        try {
            String c = p.getenv("COLUMNS");
            return c == null ? 80 : Integer.parseInt(c);
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    private static String suffix(Entry e, Options o) {
        if (!o.classify) {
            return "";
        }
        return switch (e.st().type()) {
            case Stat.S_IFDIR -> "/";
            case Stat.S_IFLNK -> o.longFormat ? "" : "@";
            case Stat.S_IFIFO -> "|";
            case Stat.S_IFSOCK -> "=";
            default -> (e.st().st_mode & 0111) != 0 ? "*" : "";
        };
    }

    private static void print(Proc p, List<Entry> entries, Options o, boolean total) {
        Stdio.Out out = p.out();
        if (o.longFormat) {
            long blocks = 0;
            int wLinks = 1;
            int wUser = 1;
            int wGroup = 1;
            int wSize = 1;
            int wMajor = 0;
            int wMinor = 0;
            int wIno = 1;
            for (Entry e : entries) {
                Stat st = e.st();
                blocks += st.st_blocks;
                wLinks = Math.max(wLinks, Long.toString(st.st_nlink).length());
                wUser = Math.max(wUser, o.pw.userOrId(st.st_uid).length());
                wGroup = Math.max(wGroup, o.pw.groupOrId(st.st_gid).length());
                wIno = Math.max(wIno, Long.toString(st.st_ino).length());
                if (st.type() == Stat.S_IFCHR || st.type() == Stat.S_IFBLK) {
                    wMajor = Math.max(wMajor, Long.toString(Stat.major(st.st_rdev)).length());
                    wMinor = Math.max(wMinor, Long.toString(Stat.minor(st.st_rdev)).length());
                } else {
                    wSize = Math.max(wSize, Long.toString(st.st_size).length());
                }
            }
            if (wMajor > 0) {
                wSize = Math.max(wSize, wMajor + 2 + wMinor);
            }
            if (total) {
                out.print("total " + (blocks * 512 + 1023) / 1024 + "\n");
            }
            for (Entry e : entries) {
                Stat st = e.st();
                StringBuilder s = new StringBuilder();
                if (o.inode) {
                    s.append(String.format("%" + wIno + "d ", st.st_ino));
                }
                s.append(Stat.modeString(st.st_mode)).append(' ');
                s.append(String.format("%" + wLinks + "d ", st.st_nlink));
                s.append(String.format("%-" + wUser + "s ", o.pw.userOrId(st.st_uid)));
                s.append(String.format("%-" + wGroup + "s ", o.pw.groupOrId(st.st_gid)));
                if (st.type() == Stat.S_IFCHR || st.type() == Stat.S_IFBLK) {
                    String dev = String.format("%" + wMajor + "d, %" + wMinor + "d", Stat.major(st.st_rdev),
                            Stat.minor(st.st_rdev));
                    s.append(String.format("%" + wSize + "s ", dev));
                } else {
                    s.append(String.format("%" + wSize + "d ", st.st_size));
                }
                long t = st.st_mtime;
                boolean recent = t <= o.now + 60 && o.now - t < SIX_MONTHS;
                s.append((recent ? RECENT : OLD).format(Instant.ofEpochSecond(t).atOffset(ZoneOffset.UTC))).append(' ');
                s.append(e.name()).append(suffix(e, o));
                if (st.isLnk()) {
                    String target = p.libc.readlinkat(Libc.AT_FDCWD, e.path());
                    if (target != null) {
                        s.append(" -> ").append(target);
                    }
                }
                out.print(s.append('\n').toString());
            }
            return;
        }
        List<String> names = new ArrayList<>();
        for (Entry e : entries) {
            names.add((o.inode ? e.st().st_ino + " " : "") + e.name() + suffix(e, o));
        }
        if (o.onePerLine) {
            for (String n : names) {
                out.print(n + "\n");
            }
            return;
        }
        out.print(columns(names, o.width));
    }

    /** ls -C: as many columns as fit the width, filled top to bottom, each as wide as its longest name + 2. */
    static String columns(List<String> names, int width) {
        int n = names.size();
        if (n == 0) {
            return "";
        }
        int cols = 1;
        int[] widths = {0};
        for (int c = Math.max(1, Math.min(n, width / 3)); c >= 1; c--) {
            int rows = (n + c - 1) / c;
            int used = (n + rows - 1) / rows;
            int[] w = new int[used];
            int line = 0;
            for (int i = 0; i < n; i++) {
                w[i / rows] = Math.max(w[i / rows], names.get(i).length() + (i / rows == used - 1 ? 0 : 2));
            }
            for (int x : w) {
                line += x;
            }
            if (line < width || c == 1) {
                cols = used;
                widths = w;
                break;
            }
        }
        int rows = (n + cols - 1) / cols;
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = c * rows + r;
                if (i >= n) {
                    break;
                }
                String name = names.get(i);
                boolean lastInRow = c == cols - 1 || (c + 1) * rows + r >= n;
                s.append(name);
                if (!lastInRow) {
                    s.append(" ".repeat(widths[c] - name.length()));
                }
            }
            s.append('\n');
        }
        return s.toString();
    }
}
