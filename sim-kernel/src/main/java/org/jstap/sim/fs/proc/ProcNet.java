package org.jstap.sim.fs.proc;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/proc/proc_net.c: {@code /proc/net}, a symlink to {@code self/net}, the directory of the
 * process's network namespace (there is one, init_net, so every {@code /proc/PID/net} shows the
 * same entries). The network stack adds its files with {@link #proc_create_net_single}.
 *
 * <pre>{@code
 * kernel.proc().proc_net().proc_create_net_single("dev", 0444, i -> dev_seq_show());
 * }</pre>
 */
@LinuxFile("fs/proc/proc_net.c")
public final class ProcNet {
    private final Generic generic;
    /** net->proc_net: the namespace's entries, numbered as fixed entries (not per process). */
    private final ProcEntry proc_net = ProcEntry.dir("net", 0555);

    ProcNet(Generic generic) {
        this.generic = generic;
    }

    /** proc_net_init: the /proc/net symlink. */
    void proc_net_init(ProcEntry root) {
        generic.proc_symlink("net", root, i -> "self/net");
    }

    /** The /proc/PID/net entry: its children are the namespace's, the same for every process. */
    ProcEntry pidNetEntry() {
        ProcEntry e = ProcEntry.dir("net", 0555);
        e.children = this::proc_tgid_net_children;
        return e;
    }

    private NavigableMap<Long, ProcChild> proc_tgid_net_children(ProcInodeInfo dir) {
        NavigableMap<Long, ProcChild> out = new TreeMap<>();
        long pos = 2;
        for (ProcEntry e : proc_net.subdir) {
            out.put(pos++, new ProcChild(e.name, e.low_ino, new ProcInodeInfo(e, null)));
        }
        return out;
    }

    /** proc_create_net_single: a read-only file in /proc/net whose text {@code show} makes at open. */
    public void proc_create_net_single(String name, int mode, ProcEntry.Show show) {
        generic.proc_create_single(name, mode, proc_net, show);
    }
}
