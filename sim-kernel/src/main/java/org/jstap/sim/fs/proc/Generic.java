package org.jstap.sim.fs.proc;

import java.nio.charset.StandardCharsets;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.DentryOperations;
import org.jstap.sim.fs.DirContext;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.InodeOperations;
import org.jstap.sim.fs.Libfs;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.Path;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/proc/generic.c and inode.c: the entries procfs is made of, and the inodes, files and
 * dentries that show them. A regular entry's text is made when the file is opened and kept in
 * the open file, so every read of one open file sees the same snapshot (what seq_file gives a
 * reader who reads in one go). Names under /proc/PID are revalidated against the task on each
 * walk, so a gone process's names disappear from the dcache.
 */
@LinuxFile("fs/proc/generic.c")
public final class Generic {
    /** PROC_DYNAMIC_FIRST: where proc_alloc_inum starts numbering fixed entries. */
    static final long PROC_DYNAMIC_FIRST = 0xF0000000L;
    /** Bits of a per-task inode number below the pid: the entry's slot, or the fd's. */
    static final int PID_INO_SHIFT = 20;

    private final Kernel kernel;
    private long nextInum = PROC_DYNAMIC_FIRST;

    Generic(Kernel kernel) {
        this.kernel = kernel;
    }

    /** proc_register: {@code e} becomes a child of {@code dir}, numbered. */
    ProcEntry proc_register(ProcEntry dir, ProcEntry e) {
        e.low_ino = nextInum++;
        dir.subdir.add(e);
        return e;
    }

    /** proc_create_single: a read-only file whose text {@code show} makes. */
    ProcEntry proc_create_single(String name, int mode, ProcEntry parent, ProcEntry.Show show) {
        return proc_register(parent, ProcEntry.file(name, mode, show));
    }

    ProcEntry proc_mkdir(String name, ProcEntry parent) {
        return proc_register(parent, ProcEntry.dir(name, 0555));
    }

    ProcEntry proc_symlink(String name, ProcEntry parent, ProcEntry.Link link) {
        return proc_register(parent, ProcEntry.symlink(name, link));
    }

    /** The inode number of an entry seen for {@code task} (fixed entries have their own). */
    static long ino(ProcEntry e, TaskStruct task) {
        return task == null ? e.low_ino : ((long) task.pid << PID_INO_SHIFT) | e.low_ino;
    }

    /** A directory's children by readdir position: the fixed ones from 2, then what its function adds. */
    NavigableMap<Long, ProcChild> children(ProcInodeInfo dir) {
        NavigableMap<Long, ProcChild> out = new TreeMap<>();
        long pos = 2;
        for (ProcEntry e : dir.entry().subdir) {
            out.put(pos++, new ProcChild(e.name, ino(e, dir.task()), new ProcInodeInfo(e, dir.task())));
        }
        if (dir.entry().children != null) {
            out.putAll(dir.entry().children.children(dir));
        }
        return out;
    }

    /** proc_get_inode: a new inode for {@code c}, owned by its task's effective ids. */
    Inode proc_get_inode(SuperBlock sb, ProcChild c) {
        ProcEntry e = c.info().entry();
        Inode inode = kernel.vfs().inodes().new_inode(sb, c.ino(), e.mode);
        inode.i_private = c.info();
        TaskStruct task = c.info().task();
        if (task != null && task.cred != null) {
            inode.i_uid = task.cred.euid();
            inode.i_gid = task.cred.egid();
        } else {
            inode.i_uid = inode.i_gid = 0;
        }
        switch (e.mode & Mode.S_IFMT) {
            case Mode.S_IFDIR -> {
                inode.i_op = PROC_DIR_INODE_OPERATIONS;
                inode.i_fop = PROC_DIR_OPERATIONS;
                inode.i_nlink = 2;
            }
            case Mode.S_IFLNK -> inode.i_op = PROC_LINK_INODE_OPERATIONS;
            default -> inode.i_fop = PROC_REG_FILE_OPS;
        }
        return inode;
    }

    static ProcInodeInfo PI(Inode inode) {
        return (ProcInodeInfo) inode.i_private;
    }

    /** proc_lookup_de: the child {@code dentry} names, instantiated and hashed; ENOENT leaves it negative. */
    int proc_lookup(Inode dir, Dentry dentry) {
        for (ProcChild c : children(PI(dir)).values()) {
            if (c.name().equals(dentry.d_name)) {
                kernel.vfs().dcache().d_add(dentry, proc_get_inode(dir.i_sb, c));
                return 0;
            }
        }
        return -Errno.ENOENT;
    }

    /** proc_readdir_de: ".", "..", then the children from ctx.pos on. */
    int proc_readdir(File file, DirContext ctx) {
        if (!ctx.emit_dots(file)) {
            return 0;
        }
        for (var en : children(PI(file.f_inode)).tailMap(ctx.pos, true).entrySet()) {
            ProcChild c = en.getValue();
            if (!ctx.emit(c.name(), c.ino(), Mode.dt_type(c.info().entry().mode))) {
                return 0;
            }
            ctx.pos = en.getKey() + 1;
        }
        return 0;
    }

    /**
     * pid_revalidate / tid_fd_revalidate: a name under /proc/PID holds while its task is still
     * the one with that number and not reaped, and a descriptor's while it is open.
     */
    boolean proc_revalidate(Dentry dentry) {
        if (dentry.d_inode == null || !(dentry.d_inode.i_private instanceof ProcInodeInfo info)) {
            return true;
        }
        TaskStruct t = info.task();
        if (t == null) {
            return true;
        }
        if (kernel.pid().find_task_by_vpid(t.pid) != t || t.exit_state == TaskStruct.EXIT_DEAD) {
            return false;
        }
        return info.fd() < 0 || (t.files != null && t.files.fcheck(info.fd()) != null);
    }

    final DentryOperations PROC_DENTRY_OPERATIONS = new DentryOperations() {
        @Override
        public boolean d_revalidate(Dentry dentry) {
            return proc_revalidate(dentry);
        }
    };

    final InodeOperations PROC_DIR_INODE_OPERATIONS = new InodeOperations() {
        @Override
        public int lookup(Inode dir, Dentry dentry) {
            return proc_lookup(dir, dentry);
        }
    };

    final FileOperations PROC_DIR_OPERATIONS = new FileOperations() {
        @Override
        public int iterate_shared(File file, DirContext ctx) {
            return proc_readdir(file, ctx);
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return -Errno.EISDIR;
        }
    };

    /** Symlinks: a name (get_link), or a magic link (proc_pid_get_link: nd_jump_link to the place). */
    final InodeOperations PROC_LINK_INODE_OPERATIONS = new InodeOperations() {
        @Override
        public String get_link(Dentry dentry, Inode inode) {
            return PI(inode).entry().link.get_link(PI(inode));
        }

        @Override
        public Path jump_link(Dentry dentry, Inode inode) {
            ProcEntry.Jump j = PI(inode).entry().jump;
            return j == null ? null : j.jump(PI(inode));
        }
    };

    /**
     * proc_reg_file_ops with single_open: the text is made at open; writes go whole to the
     * entry's write, and an entry without one refuses to be opened for writing (EACCES).
     */
    final FileOperations PROC_REG_FILE_OPS = new FileOperations() {
        @Override
        public int open(Inode inode, File file) {
            ProcInodeInfo info = PI(inode);
            if (file.writable() && info.entry().write == null) {
                return -Errno.EACCES;
            }
            if (file.readable()) {
                file.private_data = info.entry().show.show(info).getBytes(StandardCharsets.ISO_8859_1);
            }
            return 0;
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return Libfs.simple_read_from_buffer((byte[]) file.private_data, buf, off, len, ppos);
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            ProcInodeInfo info = PI(file.f_inode);
            if (info.entry().write == null) {
                return -Errno.EACCES;
            }
            int r = info.entry().write.write(info, new String(buf, off, len, StandardCharsets.ISO_8859_1));
            if (r < 0) {
                return r;
            }
            ppos[0] += len;
            return len;
        }

        @Override
        public int iterate_shared(File file, DirContext ctx) {
            return -Errno.ENOTDIR;
        }
    };
}
