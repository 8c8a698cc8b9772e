package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.signal.Siginfo;
import org.jstap.sim.kernel.signal.Signals;

/**
 * fs/pipe.c: pipes and FIFOs. A reader sleeps on rd_wait while the pipe is empty and writers
 * remain (end of file when none do); a writer sleeps on wr_wait while it is full, gets SIGPIPE and
 * EPIPE once no reader is left, and writes of at most PIPE_BUF bytes are never split.
 * pipe2(2) makes the pair on the internal pipefs mount.
 */
@LinuxFile("fs/pipe.c")
public final class Pipe {
    /** PIPE_BUF: writes up to this size are atomic. */
    public static final int PIPE_BUF = 4096;
    /** /proc/sys/fs/pipe-max-size. */
    public static final int PIPE_MAX_SIZE = 1 << 20;

    private final Kernel kernel;
    private SuperBlock pipefs;
    private VfsMount pipeMnt;

    Pipe(Kernel kernel) {
        this.kernel = kernel;
    }

    /** init_pipe_fs: the internal mount pipes live on. */
    public int init_pipe_fs() {
        FileSystemType type = new FileSystemType() {
            @Override
            public String name() {
                return "pipefs";
            }

            @Override
            public SuperBlock mount(int flags, String devName, String data, int[] err) {
                SuperBlock sb = kernel.vfs().supers().alloc_super(this, 0);
                sb.s_magic = 0x50495045L;
                Inode root = kernel.vfs().inodes().new_inode(sb, 1, Mode.S_IFDIR | 0700);
                sb.s_root = kernel.vfs().dcache().d_make_root(sb, root);
                return sb;
            }
        };
        int r = kernel.vfs().filesystems().register_filesystem(type);
        if (r != 0) {
            return r;
        }
        int[] err = new int[1];
        pipeMnt = kernel.vfs().namespace().vfs_kern_mount(type, 0, "pipefs", null, err);
        pipefs = pipeMnt == null ? null : pipeMnt.mnt_sb;
        return err[0];
    }

    private PipeInodeInfo pipe(File f) {
        return f.f_inode.i_pipe;
    }

    /** pipe_read. */
    long pipe_read(File file, byte[] buf, int off, int len) {
        PipeInodeInfo p = pipe(file);
        if (len == 0) {
            return 0;
        }
        while (p.len == 0) {
            if (p.writers == 0) {
                return 0;
            }
            if (file.nonblock()) {
                return -Errno.EAGAIN;
            }
            int r = kernel.waitq().wait_event_interruptible(p.rd_wait, () -> p.len > 0 || p.writers == 0);
            if (r != 0) {
                return r;
            }
        }
        int n = Math.min(len, p.len);
        int first = Math.min(n, p.ring.length - p.head);
        System.arraycopy(p.ring, p.head, buf, off, first);
        System.arraycopy(p.ring, 0, buf, off + first, n - first);
        p.head = (p.head + n) % p.ring.length;
        p.len -= n;
        kernel.waitq().wake_up(p.wr_wait);
        file.f_inode.i_atime = kernel.vfs().inodes().current_time();
        return n;
    }

    /** pipe_write: SIGPIPE and EPIPE without readers; small writes whole, large ones as room appears. */
    long pipe_write(File file, byte[] buf, int off, int len) {
        PipeInodeInfo p = pipe(file);
        if (p.readers == 0) {
            sigpipe();
            return -Errno.EPIPE;
        }
        if (len == 0) {
            return 0;
        }
        int done = 0;
        boolean atomic = len <= PIPE_BUF;
        while (done < len) {
            if (p.readers == 0) {
                if (done == 0) {
                    sigpipe();
                    return -Errno.EPIPE;
                }
                return done;
            }
            int room = p.ring.length - p.len;
            int need = atomic ? len : 1;
            if (room >= need) {
                int n = Math.min(room, len - done);
                int tail = (p.head + p.len) % p.ring.length;
                int first = Math.min(n, p.ring.length - tail);
                System.arraycopy(buf, off + done, p.ring, tail, first);
                System.arraycopy(buf, off + done + first, p.ring, 0, n - first);
                p.len += n;
                done += n;
                kernel.waitq().wake_up(p.rd_wait);
                continue;
            }
            if (file.nonblock()) {
                return done > 0 ? done : -Errno.EAGAIN;
            }
            int r = kernel.waitq().wait_event_interruptible(p.wr_wait,
                    () -> p.ring.length - p.len >= need || p.readers == 0);
            if (r != 0) {
                return done > 0 ? done : r;
            }
        }
        file.f_inode.i_mtime = file.f_inode.i_ctime = kernel.vfs().inodes().current_time();
        return done;
    }

    private void sigpipe() {
        var t = kernel.sched().current();
        kernel.signal().send_signal(Signals.SIGPIPE, Siginfo.kernel(Signals.SIGPIPE), t, false);
    }

    /** pipe_poll. */
    int pipe_poll(File file, PollTable pt) {
        PipeInodeInfo p = pipe(file);
        PollTable.poll_wait(pt, p.rd_wait);
        PollTable.poll_wait(pt, p.wr_wait);
        int mask = 0;
        if (file.readable()) {
            if (p.len > 0) {
                mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
            }
            if (p.writers == 0 && p.w_counter > 0) {
                mask |= PollTable.POLLHUP;
            }
        }
        if (file.writable()) {
            if (p.ring.length - p.len >= PIPE_BUF) {
                mask |= PollTable.POLLOUT | PollTable.POLLWRNORM;
            }
            if (p.readers == 0) {
                mask |= PollTable.POLLERR;
            }
        }
        return mask;
    }

    /** sizeof(struct pipe_inode_info) on a 64-bit Linux 6.1 without lock debugging: kmalloc-192. */
    static final int SIZEOF_PIPE_INODE_INFO = 168;
    /** sizeof(struct pipe_buffer): page, offset, len, ops, flags, private. */
    static final int SIZEOF_PIPE_BUFFER = 40;
    /** PIPE_DEF_BUFFERS: the slots of a new pipe's ring, one page each. */
    static final int PIPE_DEF_BUFFERS = 16;

    /**
     * alloc_pipe_info: a new pipe. Linux kzallocs the struct and kcallocs its ring of
     * pipe_buffers; the same two allocations (same sizes, same caller) are made here, so
     * {@code vm.kmalloc} by call site shows pipes as Linux does. Null when memory is short.
     */
    PipeInodeInfo alloc_pipe_info() {
        long pipe = kernel.slab().kzalloc(SIZEOF_PIPE_INODE_INFO, org.jstap.sim.mm.Gfp.GFP_KERNEL);
        if (pipe == 0) {
            return null;
        }
        long bufs = kernel.slab().kcalloc(PIPE_DEF_BUFFERS, SIZEOF_PIPE_BUFFER, org.jstap.sim.mm.Gfp.GFP_KERNEL);
        if (bufs == 0) {
            kernel.slab().kfree(pipe);
            return null;
        }
        PipeInodeInfo p = new PipeInodeInfo();
        p.kaddr = pipe;
        p.bufs = bufs;
        return p;
    }

    /** free_pipe_info: the pipe's buffer array and the struct go back to kmalloc. */
    void free_pipe_info(PipeInodeInfo p) {
        kernel.slab().kfree(p.bufs);
        kernel.slab().kfree(p.kaddr);
        p.bufs = 0;
        p.kaddr = 0;
    }

    /** put_pipe_info: the last file on the pipe is gone, so the inode lets go of it (a FIFO gets a new one at its next open). */
    private void put_pipe_info(Inode inode, PipeInodeInfo p) {
        if (p.readers == 0 && p.writers == 0 && inode.i_pipe == p) {
            inode.i_pipe = null;
            free_pipe_info(p);
        }
    }

    /** pipe_release: one end fewer; the other side wakes to see EOF or EPIPE. */
    void pipe_release(File file) {
        PipeInodeInfo p = pipe(file);
        if (file.readable()) {
            p.readers--;
        }
        if (file.writable()) {
            p.writers--;
        }
        kernel.waitq().wake_up(p.rd_wait);
        kernel.waitq().wake_up(p.wr_wait);
        put_pipe_info(file.f_inode, p);
    }

    /** FIONREAD on a pipe: bytes waiting. */
    long pipe_ioctl(File file, int cmd, long arg) {
        if (cmd == Ioctl.FIONREAD) {
            return kernel.uaccess().copy_to_user(arg, le32(pipe(file).len), 0, 4) != 0 ? -Errno.EFAULT : 0;
        }
        return -Errno.ENOIOCTLCMD;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** pipe_set_size: F_SETPIPE_SZ rounds up to a power-of-two number of pages; EBUSY if the data would not fit. */
    public long pipe_set_size(File file, long arg) {
        PipeInodeInfo p = pipe(file);
        if (p == null) {
            return -Errno.EBADF;
        }
        if (arg <= 0 || arg > PIPE_MAX_SIZE) {
            return arg > PIPE_MAX_SIZE && kernel.sched().current().cred.euid() != 0 ? -Errno.EPERM : -Errno.EINVAL;
        }
        int size = 4096;
        while (size < arg) {
            size <<= 1;
        }
        if (size < p.len) {
            return -Errno.EBUSY;
        }
        // pipe_resize_ring: a new pipe_buffer array for the new number of slots, the old one freed
        long bufs = kernel.slab().kcalloc(size / 4096, SIZEOF_PIPE_BUFFER, org.jstap.sim.mm.Gfp.GFP_KERNEL);
        if (bufs == 0) {
            return -Errno.ENOMEM;
        }
        kernel.slab().kfree(p.bufs);
        p.bufs = bufs;
        byte[] ring = new byte[size];
        int first = Math.min(p.len, p.ring.length - p.head);
        System.arraycopy(p.ring, p.head, ring, 0, first);
        System.arraycopy(p.ring, 0, ring, first, p.len - first);
        p.ring = ring;
        p.head = 0;
        kernel.waitq().wake_up(p.wr_wait);
        return size;
    }

    public long pipe_get_size(File file) {
        PipeInodeInfo p = pipe(file);
        return p == null ? -Errno.EBADF : p.ring.length;
    }

    /** pipefifo_fops: what both ends of a pipe and an opened FIFO do. */
    final FileOperations PIPEFIFO_FOPS = new FileOperations() {
        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return pipe_read(file, buf, off, len);
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            return pipe_write(file, buf, off, len);
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return -Errno.ESPIPE;
        }

        @Override
        public int poll(File file, PollTable pt) {
            return pipe_poll(file, pt);
        }

        @Override
        public long unlocked_ioctl(File file, int cmd, long arg) {
            return pipe_ioctl(file, cmd, arg);
        }

        @Override
        public void release(Inode inode, File file) {
            pipe_release(file);
        }

        @Override
        public int open(Inode inode, File file) {
            return fifo_open(inode, file);
        }

        @Override
        public boolean stream() {
            return true;
        }
    };

    /**
     * fifo_open: a named pipe's open. A reader waits for a writer and a writer for a reader
     * (unless O_NONBLOCK: a reader goes on, a writer gets ENXIO); O_RDWR never waits.
     */
    int fifo_open(Inode inode, File file) {
        if (inode.i_pipe == null) {
            inode.i_pipe = alloc_pipe_info();
            if (inode.i_pipe == null) {
                return -Errno.ENOMEM;
            }
        }
        PipeInodeInfo p = inode.i_pipe;
        if (file.private_data == ANON_PIPE) {
            return 0;
        }
        boolean r = file.readable();
        boolean w = file.writable();
        if (r && w) {
            p.readers++;
            p.writers++;
            p.r_counter++;
            p.w_counter++;
            kernel.waitq().wake_up(p.rd_wait);
            kernel.waitq().wake_up(p.wr_wait);
            return 0;
        }
        if (r) {
            p.readers++;
            p.r_counter++;
            kernel.waitq().wake_up(p.wr_wait);
            if (p.writers == 0 && !file.nonblock()) {
                int start = p.w_counter;
                int res = kernel.waitq().wait_event_interruptible(p.rd_wait, () -> p.w_counter != start);
                if (res != 0) {
                    p.readers--;
                    put_pipe_info(inode, p);
                    return res;
                }
            }
            return 0;
        }
        if (file.nonblock() && p.readers == 0) {
            put_pipe_info(inode, p);
            return -Errno.ENXIO;
        }
        p.writers++;
        p.w_counter++;
        kernel.waitq().wake_up(p.rd_wait);
        if (p.readers == 0) {
            int start = p.r_counter;
            int res = kernel.waitq().wait_event_interruptible(p.wr_wait, () -> p.r_counter != start);
            if (res != 0) {
                p.writers--;
                kernel.waitq().wake_up(p.rd_wait);
                put_pipe_info(inode, p);
                return res;
            }
        }
        return 0;
    }

    /** Marks the files of an anonymous pipe, which are set up by create_pipe_files rather than opened. */
    private static final Object ANON_PIPE = new Object();

    /** create_pipe_files: the read and write ends of a new pipe; null if the files could not be made. */
    public File[] create_pipe_files(int flags) {
        Inode inode = kernel.vfs().inodes().new_inode(pipefs, pipefs.get_next_ino(), Mode.S_IFIFO | 0600);
        inode.i_pipe = alloc_pipe_info();
        if (inode.i_pipe == null) {
            inode.i_nlink = 0;
            kernel.vfs().inodes().iput(inode);
            return null;
        }
        inode.i_fop = PIPEFIFO_FOPS;
        inode.i_pipe.readers = 1;
        inode.i_pipe.writers = 1;
        inode.i_pipe.r_counter = 1;
        inode.i_pipe.w_counter = 1;
        // the pipe's inode lives only while its files do
        inode.i_nlink = 0;
        Dentry d = kernel.vfs().dcache().d_alloc(pipefs.s_root, "pipe:[" + inode.i_ino + "]");
        d.d_inode = inode;
        Path path = new Path(pipeMnt, d);
        int stream = File.FMODE_STREAM;
        File rd = kernel.vfs().file_table().alloc_file(path, Fcntl.O_RDONLY | (flags & Fcntl.O_NONBLOCK),
                File.FMODE_READ | stream, PIPEFIFO_FOPS);
        File wr = kernel.vfs().file_table().alloc_file(path, Fcntl.O_WRONLY | (flags & (Fcntl.O_NONBLOCK | Fcntl.O_DIRECT)),
                File.FMODE_WRITE | stream, PIPEFIFO_FOPS);
        rd.private_data = ANON_PIPE;
        wr.private_data = ANON_PIPE;
        return new File[] {rd, wr};
    }

    /** pipe2(2): {@code fildes} gets the read and write descriptors. */
    public long __do_sys_pipe2(long fildes, int flags) {
        if ((flags & ~(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK | Fcntl.O_DIRECT)) != 0) {
            return -Errno.EINVAL;
        }
        Files files = kernel.vfs().files();
        int rfd = files.get_unused_fd_flags(flags);
        if (rfd < 0) {
            return rfd;
        }
        int wfd = files.get_unused_fd_flags(flags);
        if (wfd < 0) {
            files.put_unused_fd(rfd);
            return wfd;
        }
        File[] f = create_pipe_files(flags);
        if (f == null) {
            files.put_unused_fd(rfd);
            files.put_unused_fd(wfd);
            return -Errno.ENFILE;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(rfd).putInt(wfd);
        if (kernel.uaccess().copy_to_user(fildes, b.array(), 0, 8) != 0) {
            files.put_unused_fd(rfd);
            files.put_unused_fd(wfd);
            kernel.vfs().file_table().fput(f[0]);
            kernel.vfs().file_table().fput(f[1]);
            return -Errno.EFAULT;
        }
        files.fd_install(rfd, f[0]);
        files.fd_install(wfd, f[1]);
        return 0;
    }

    /** Is {@code f} one end of a pipe or a FIFO? (get_pipe_info) */
    public static boolean is_pipe(File f) {
        return f.f_inode.i_pipe != null && Mode.S_ISFIFO(f.f_inode.i_mode);
    }
}
