package org.jstap.sim.fs.proc;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.FileSystemType;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.Namei;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/proc/root.c: the "proc" file system type and the root of its tree: the fixed entries
 * ({@code /proc/meminfo}, {@code /proc/self}...), then one directory per process in increasing
 * pid order. The tree of fixed entries is built once by {@code proc_root_init}; every mount gets
 * its own super block showing it.
 *
 * <pre>{@code
 * mount("proc", "/proc", "proc", 0, NULL);    // or: kernel.proc().proc_mount() at boot
 * }</pre>
 */
@LinuxFile("fs/proc/root.c")
public final class Root implements FileSystemType {
    public static final long PROC_SUPER_MAGIC = 0x9fa0;
    /** PROC_ROOT_INO. */
    static final long PROC_ROOT_INO = 1;
    /** Readdir positions of pid directories start here (TGID_OFFSET), past any fixed entry. */
    static final long TGID_OFFSET = 1L << 32;

    private final Kernel kernel;
    private final Generic generic;
    private final Base base;
    /** proc_root: the entry the root inode shows. */
    final ProcEntry proc_root = ProcEntry.dir("/", 0555);

    public Root(Kernel kernel) {
        this.kernel = kernel;
        this.generic = new Generic(kernel);
        this.base = new Base(kernel);
        proc_root.low_ino = PROC_ROOT_INO;
    }

    Generic generic() {
        return generic;
    }

    @Override
    public String name() {
        return "proc";
    }

    /** proc_root_init (an fs initcall here): the fixed entries, and "proc" registered. */
    public int proc_root_init() {
        ProcEntry root = proc_root;
        generic.proc_create_single("meminfo", 0444, root, i -> Meminfo.meminfo_proc_show(kernel));
        generic.proc_create_single("interrupts", 0444, root, i -> kernel.irq().proc_interrupts());
        generic.proc_create_single("softirqs", 0444, root, i -> kernel.softirq().proc_softirqs());
        generic.proc_create_single("uptime", 0444, root, i -> Uptime.uptime_proc_show(kernel));
        generic.proc_create_single("loadavg", 0444, root, i -> Loadavg.loadavg_proc_show(kernel));
        generic.proc_create_single("stat", 0444, root, i -> Stat.show_stat(kernel));
        generic.proc_create_single("kallsyms", 0444, root, i -> Kallsyms.proc_kallsyms());
        generic.proc_create_single("modules", 0444, root, i -> kernel.modules().proc_modules());
        generic.proc_create_single("filesystems", 0444, root, i -> kernel.vfs().filesystems().proc_filesystems());
        generic.proc_symlink("mounts", root, i -> "self/mounts");
        generic.proc_create_single("cpuinfo", 0444, root, i -> Cpuinfo.show_cpuinfo(kernel));
        generic.proc_create_single("version", 0444, root, i -> Version.version_proc_show());
        generic.proc_create_single("cmdline", 0444, root, i -> kernel.config().cmdline() + "\n");
        generic.proc_create_single("slabinfo", 0400, root, i -> kernel.slab().proc_slabinfo());
        generic.proc_create_single("buddyinfo", 0444, root, i -> kernel.page_alloc().proc_buddyinfo());
        generic.proc_create_single("partitions", 0444, root, i -> kernel.block().proc_partitions());
        generic.proc_create_single("diskstats", 0444, root, i -> kernel.block().proc_diskstats());
        generic.proc_create_single("devices", 0444, root, i -> kernel.vfs().chrdev().proc_devices());
        // proc_self_init (thread-self needs /proc/PID/task, not there yet)
        generic.proc_symlink("self", root, i -> Self.proc_self_get_link(kernel));
        ProcSysctl.proc_sys_init(kernel, generic, root);
        // proc_net_init: /proc/net, where the protocols put their tables (Linux: a link to self/net)
        proc_net = generic.proc_mkdir("net", root);
        root.children = this::proc_pid_children;
        return kernel.vfs().filesystems().register_filesystem(this);
    }

    /** /proc/net (init_net's proc_net). */
    private ProcEntry proc_net;

    /**
     * proc_create_net_single: a read-only file in /proc/net whose text {@code show} makes when
     * it is opened ({@code /proc/net/unix}, later tcp, udp, dev...). Call it after proc_root_init.
     */
    public void proc_create_net_single(String name, java.util.function.Supplier<String> show) {
        generic.proc_create_single(name, 0444, proc_net, i -> show.get());
    }

    /** proc_pid_readdir's list: every thread-group leader not yet reaped, by pid. */
    private NavigableMap<Long, ProcChild> proc_pid_children(ProcInodeInfo dir) {
        NavigableMap<Long, ProcChild> out = new TreeMap<>();
        for (TaskStruct t : kernel.pid().processes()) {
            if (t.exit_state != TaskStruct.EXIT_DEAD) {
                out.put(TGID_OFFSET + t.pid, base.pid_dir(t));
            }
        }
        return out;
    }

    /** proc_fill_super: a super block whose root is proc_root; names are revalidated on each walk. */
    @Override
    public SuperBlock mount(int flags, String devName, String data, int[] err) {
        SuperBlock sb = kernel.vfs().supers().alloc_super(this, 0);
        sb.s_flags = flags;
        sb.s_magic = PROC_SUPER_MAGIC;
        sb.s_blocksize = 1024;
        sb.s_d_op = generic.PROC_DENTRY_OPERATIONS;
        Inode root = generic.proc_get_inode(sb, new ProcChild("/", PROC_ROOT_INO, new ProcInodeInfo(proc_root, null)));
        root.i_mode = Mode.S_IFDIR | 0555;
        root.i_op = new org.jstap.sim.fs.InodeOperations() {
            /** proc_root_lookup: a fixed name, or a pid (any thread's, though readdir lists only leaders). */
            @Override
            public int lookup(Inode dir, org.jstap.sim.fs.Dentry dentry) {
                int r = generic.proc_lookup(dir, dentry);
                if (r == 0 || !dentry.d_name.matches("[1-9][0-9]{0,9}")) {
                    return r;
                }
                long nr = Long.parseLong(dentry.d_name);
                TaskStruct t = nr > Integer.MAX_VALUE ? null : kernel.pid().find_task_by_vpid((int) nr);
                if (t == null || t.exit_state == TaskStruct.EXIT_DEAD) {
                    return -org.jstap.sim.kernel.Errno.ENOENT;
                }
                kernel.vfs().dcache().d_add(dentry, generic.proc_get_inode(dir.i_sb, base.pid_dir(t)));
                return 0;
            }
        };
        sb.s_root = kernel.vfs().dcache().d_make_root(sb, root);
        return sb;
    }

    /** The boot's own mount of /proc (as an init script's "mount -t proc proc /proc" would). */
    public int proc_mount() {
        var l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, "/proc",
                Namei.LOOKUP_FOLLOW | Namei.LOOKUP_DIRECTORY);
        int r = l.err() != 0 ? l.err() : kernel.vfs().namespace().path_mount("proc", l.path(), "proc", 0, null);
        if (r != 0) {
            kernel.printk().pr_info("proc: error mounting " + r);
        }
        return r;
    }
}
