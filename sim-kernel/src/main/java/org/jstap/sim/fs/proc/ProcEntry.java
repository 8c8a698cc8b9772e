package org.jstap.sim.fs.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.jstap.sim.fs.Path;

/**
 * struct proc_dir_entry, and base.c's pid_entry: one name procfs shows and what it does. A file
 * has a {@link Show} (its text, made when it is opened) and maybe a {@link Write}; a symlink a
 * {@link Link} (a name) or a {@link Jump} (a magic link straight to a place); a directory fixed
 * children ({@link #subdir}) or a {@link Children} function for what comes and goes (pids, fds).
 *
 * <pre>{@code
 * ProcEntry e = ProcEntry.file("uptime", 0444, i -> Uptime.uptime_proc_show(kernel));
 * }</pre>
 */
public final class ProcEntry {
    /** The text of a file, as ISO-8859-1 bytes, for the inode's task (null outside /proc/PID). */
    public interface Show {
        String show(ProcInodeInfo info);
    }

    /** A write of the whole text {@code text}: 0 or -errno. */
    public interface Write {
        int write(ProcInodeInfo info, String text);
    }

    /** A symlink's target; null makes it a magic link (see {@link Jump}). */
    public interface Link {
        String get_link(ProcInodeInfo info);
    }

    /** A magic link's place, or null (ENOENT). */
    public interface Jump {
        Path jump(ProcInodeInfo info);
    }

    /** A directory's changing children by readdir position. */
    public interface Children {
        NavigableMap<Long, ProcChild> children(ProcInodeInfo dir);
    }

    public final String name;
    /** mode: file type and permissions. */
    public final int mode;
    /** low_ino: the inode number (fixed entries), or the slot under /proc/PID. */
    long low_ino;
    Show show;
    Write write;
    Link link;
    Jump jump;
    Children children;
    /** subdir: the fixed children, in the order readdir lists them. */
    final List<ProcEntry> subdir = new ArrayList<>();

    ProcEntry(String name, int mode) {
        this.name = name;
        this.mode = mode;
    }

    static ProcEntry file(String name, int mode, Show show) {
        ProcEntry e = new ProcEntry(name, org.jstap.sim.fs.Mode.S_IFREG | mode);
        e.show = show;
        return e;
    }

    static ProcEntry dir(String name, int mode) {
        return new ProcEntry(name, org.jstap.sim.fs.Mode.S_IFDIR | mode);
    }

    static ProcEntry symlink(String name, Link link) {
        ProcEntry e = new ProcEntry(name, org.jstap.sim.fs.Mode.S_IFLNK | 0777);
        e.link = link;
        return e;
    }

    static ProcEntry magic_link(String name, Jump jump) {
        ProcEntry e = new ProcEntry(name, org.jstap.sim.fs.Mode.S_IFLNK | 0777);
        e.link = i -> null;
        e.jump = jump;
        return e;
    }

    ProcEntry writable(Write w) {
        this.write = w;
        return this;
    }

    @Override
    public String toString() {
        return "proc " + name;
    }
}
