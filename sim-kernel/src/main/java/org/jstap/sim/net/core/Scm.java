package org.jstap.sim.net.core;

import static org.jstap.sim.net.SocketDefs.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileTable;
import org.jstap.sim.fs.Files;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Socket;

/**
 * net/core/scm.c: control messages at SOL_SOCKET. On send, {@link #__scm_send} walks the
 * struct cmsghdr list (a malformed header is EINVAL, other levels are left to the protocol):
 * SCM_RIGHTS takes a reference to each descriptor's file (EBADF), SCM_CREDENTIALS checks the
 * claimed pid/uid/gid against the sender's (EPERM unless privileged). On receive,
 * {@link #scm_recv} writes SCM_CREDENTIALS when the socket has SO_PASSCRED and installs passed
 * files as new descriptors ({@link #scm_detach_fds}); what does not fit the buffer sets
 * MSG_CTRUNC.
 */
@LinuxFile("net/core/scm.c")
public final class Scm {
    /** sizeof(struct cmsghdr): cmsg_len (size_t), cmsg_level, cmsg_type. */
    public static final int CMSGHDR_SIZE = 16;
    /** SCM_MAX_FD: files one message may carry. */
    public static final int SCM_MAX_FD = 253;

    private final Kernel kernel;

    public Scm(Kernel kernel) {
        this.kernel = kernel;
    }

    /** CMSG_ALIGN. */
    public static int cmsg_align(long n) {
        return (int) ((n + 7) & ~7L);
    }

    /** CMSG_LEN: a header and {@code n} bytes of data. */
    public static int cmsg_len(int n) {
        return CMSGHDR_SIZE + n;
    }

    /** CMSG_SPACE: what a message with {@code n} bytes of data takes, padded. */
    public static int cmsg_space(int n) {
        return CMSGHDR_SIZE + cmsg_align(n);
    }

    /** scm_send: no credentials unless asked for ({@code forcecreds}), then the control messages. */
    public int scm_send(Socket sock, Msghdr msg, ScmCookie scm, boolean forcecreds) {
        if (forcecreds) {
            TaskStruct t = kernel.sched().current();
            scm.scm_set_cred(t.tgid, t.cred.uid(), t.cred.gid());
        }
        if (msg.msg_control == null || msg.msg_controllen <= 0) {
            return 0;
        }
        return __scm_send(sock, msg, scm);
    }

    /** __scm_send: each struct cmsghdr of the copied-in control buffer. */
    public int __scm_send(Socket sock, Msghdr msg, ScmCookie p) {
        byte[] ctl = msg.msg_control;
        int controllen = msg.msg_controllen;
        ByteBuffer b = ByteBuffer.wrap(ctl).order(ByteOrder.LITTLE_ENDIAN);
        // for_each_cmsghdr: CMSG_FIRSTHDR, then CMSG_NXTHDR while a whole header fits
        for (long off = 0; controllen >= CMSGHDR_SIZE && off + CMSGHDR_SIZE <= controllen;) {
            long cmsgLen = b.getLong((int) off);
            // CMSG_OK
            if (cmsgLen < CMSGHDR_SIZE || cmsgLen > controllen - off) {
                scm_destroy(p);
                return -Errno.EINVAL;
            }
            int level = b.getInt((int) off + 8);
            int type = b.getInt((int) off + 12);
            if (level == SOL_SOCKET) {
                int err = switch (type) {
                    case SCM_RIGHTS -> sock.ops == null || sock.ops.family() != AF_UNIX ? -Errno.EINVAL
                            : scm_fp_copy(b, (int) off, (int) cmsgLen, p);
                    case SCM_CREDENTIALS -> scm_creds(b, (int) off, (int) cmsgLen, p);
                    default -> -Errno.EINVAL;
                };
                if (err < 0) {
                    scm_destroy(p);
                    return err;
                }
            }
            off += cmsg_align(cmsgLen);
        }
        if (p.fp != null && p.fp.length == 0) {
            p.fp = null;
        }
        return 0;
    }

    /** scm_fp_copy: a reference to each descriptor's file; EBADF for one not open, EINVAL past SCM_MAX_FD. */
    private int scm_fp_copy(ByteBuffer b, int off, int cmsgLen, ScmCookie p) {
        int num = (cmsgLen - CMSGHDR_SIZE) / 4;
        if (num <= 0) {
            return 0;
        }
        if (num > SCM_MAX_FD) {
            return -Errno.EINVAL;
        }
        int have = p.fp == null ? 0 : p.fp.length;
        if (have + num > SCM_MAX_FD) {
            return -Errno.EINVAL;
        }
        for (int i = 0; i < num; i++) {
            int fd = b.getInt(off + CMSGHDR_SIZE + 4 * i);
            File f = fd < 0 ? null : kernel.vfs().files().fget_raw(fd);
            if (f == null) {
                return -Errno.EBADF;
            }
            // what is taken so far stays in the list, for scm_destroy to drop on an error
            p.fp = p.fp == null ? new File[1] : Arrays.copyOf(p.fp, p.fp.length + 1);
            p.fp[p.fp.length - 1] = FileTable.get_file(f);
        }
        return num;
    }

    /** SCM_CREDENTIALS: a struct ucred the sender may claim (scm_check_creds). */
    private int scm_creds(ByteBuffer b, int off, int cmsgLen, ScmCookie p) {
        if (cmsgLen != cmsg_len(12)) {
            return -Errno.EINVAL;
        }
        int pid = b.getInt(off + CMSGHDR_SIZE);
        int uid = b.getInt(off + CMSGHDR_SIZE + 4);
        int gid = b.getInt(off + CMSGHDR_SIZE + 8);
        int err = scm_check_creds(pid, uid, gid);
        if (err != 0) {
            return err;
        }
        if (kernel.pid().find_task_by_vpid(pid) == null) {
            return -Errno.ESRCH;
        }
        p.scm_set_cred(pid, uid, gid);
        return 0;
    }

    /** scm_check_creds: one's own pid and one of one's uids and gids, unless privileged. */
    int scm_check_creds(int pid, int uid, int gid) {
        if (uid == -1 || gid == -1) {
            return -Errno.EINVAL;
        }
        TaskStruct t = kernel.sched().current();
        Cred c = t.cred;
        boolean root = c.euid() == 0;
        if ((pid == t.tgid || root) && (uid == c.uid() || uid == c.euid() || uid == c.suid() || root)
                && (gid == c.gid() || gid == c.egid() || gid == c.sgid() || root)) {
            return 0;
        }
        return -Errno.EPERM;
    }

    /** scm_destroy: the passed files a message did not deliver are dropped. */
    public void scm_destroy(ScmCookie scm) {
        if (scm.fp != null) {
            for (File f : scm.fp) {
                kernel.vfs().file_table().fput(f);
            }
            scm.fp = null;
        }
    }

    /** scm_fp_dup: another reference to each passed file (MSG_PEEK gives copies). */
    public static File[] scm_fp_dup(File[] fp) {
        File[] dup = fp.clone();
        for (File f : dup) {
            FileTable.get_file(f);
        }
        return dup;
    }

    /**
     * scm_recv: with no control buffer, MSG_CTRUNC if something would have gone there;
     * otherwise SCM_CREDENTIALS (SO_PASSCRED) and the passed files.
     */
    public void scm_recv(Socket sock, Msghdr msg, ScmCookie scm, int flags) {
        if (msg.msg_control_user == 0) {
            if (sock.test_bit(Socket.SOCK_PASSCRED) || scm.fp != null) {
                msg.msg_flags |= MSG_CTRUNC;
            }
            scm_destroy(scm);
            return;
        }
        if (sock.test_bit(Socket.SOCK_PASSCRED)) {
            // from_kuid_munged: no credentials show as the overflow ids
            int uid = scm.uid == -1 ? 65534 : scm.uid;
            int gid = scm.gid == -1 ? 65534 : scm.gid;
            byte[] ucred = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(scm.pid).putInt(uid)
                    .putInt(gid).array();
            put_cmsg(msg, SOL_SOCKET, SCM_CREDENTIALS, ucred);
        }
        if (scm.fp != null) {
            scm_detach_fds(msg, scm);
        }
    }

    /** put_cmsg: one control message at the user's buffer; cut (MSG_CTRUNC) if it does not fit. */
    public int put_cmsg(Msghdr msg, int level, int type, byte[] data) {
        int cmlen = cmsg_len(data.length);
        if (msg.msg_control_user == 0 || msg.msg_controllen < CMSGHDR_SIZE) {
            msg.msg_flags |= MSG_CTRUNC;
            return 0;
        }
        if (msg.msg_controllen < cmlen) {
            msg.msg_flags |= MSG_CTRUNC;
            cmlen = msg.msg_controllen;
        }
        ByteBuffer out = ByteBuffer.allocate(cmlen).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(cmlen).putInt(level).putInt(type).put(data, 0, cmlen - CMSGHDR_SIZE);
        if (kernel.uaccess().copy_to_user(msg.msg_control_user, out.array(), 0, cmlen) != 0) {
            return -Errno.EFAULT;
        }
        cmlen = Math.min(cmsg_space(data.length), msg.msg_controllen);
        msg.msg_control_user += cmlen;
        msg.msg_controllen -= cmlen;
        return 0;
    }

    /**
     * scm_detach_fds: each passed file that fits becomes a new descriptor of the receiver
     * (close-on-exec under MSG_CMSG_CLOEXEC), listed in one SCM_RIGHTS message; the rest are
     * dropped with MSG_CTRUNC.
     */
    public void scm_detach_fds(Msghdr msg, ScmCookie scm) {
        long cm = msg.msg_control_user;
        int oflags = (msg.msg_flags & MSG_CMSG_CLOEXEC) != 0 ? Fcntl.O_CLOEXEC : 0;
        int maxFds = msg.msg_controllen <= CMSGHDR_SIZE ? 0 : (msg.msg_controllen - CMSGHDR_SIZE) / 4;
        int fdmax = Math.min(maxFds, scm.fp.length);
        Files files = kernel.vfs().files();
        int i;
        for (i = 0; i < fdmax; i++) {
            // receive_fd_user
            int fd = files.get_unused_fd_flags(oflags);
            if (fd < 0) {
                break;
            }
            byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(fd).array();
            if (kernel.uaccess().copy_to_user(cm + CMSGHDR_SIZE + 4L * i, v, 0, 4) != 0) {
                files.put_unused_fd(fd);
                break;
            }
            files.fd_install(fd, FileTable.get_file(scm.fp[i]));
        }
        if (i > 0) {
            int cmlen = cmsg_len(4 * i);
            ByteBuffer h = ByteBuffer.allocate(CMSGHDR_SIZE).order(ByteOrder.LITTLE_ENDIAN).putLong(cmlen)
                    .putInt(SOL_SOCKET).putInt(SCM_RIGHTS);
            if (kernel.uaccess().copy_to_user(cm, h.array(), 0, CMSGHDR_SIZE) == 0) {
                cmlen = Math.min(cmsg_space(4 * i), msg.msg_controllen);
                msg.msg_control_user += cmlen;
                msg.msg_controllen -= cmlen;
            }
        }
        if (i < scm.fp.length || (scm.fp.length > 0 && fdmax <= 0)) {
            msg.msg_flags |= MSG_CTRUNC;
        }
        scm_destroy(scm);
    }
}
