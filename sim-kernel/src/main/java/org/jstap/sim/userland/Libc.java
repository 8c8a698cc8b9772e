package org.jstap.sim.userland;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.arch.riscv.UserMode;

/**
 * The C library of the machine's Java programs: syscall wrappers over {@code ecall}, with their
 * data in user memory (strings and structures go on the stack below sp, as a C program's locals
 * would), and errno as a negative result. Programs never call kernel code; everything goes
 * through the trap entry.
 */
public final class Libc {
    private final UserMode cpu;

    public Libc(UserMode cpu) {
        this.cpu = cpu;
    }

    public UserMode cpu() {
        return cpu;
    }

    /** The arguments, read from the initial stack as crt0 does: argc at sp, then the argv pointers. */
    public static List<String> argv(UserMode cpu) {
        long sp = cpu.sp();
        long argc = cpu.ld(sp);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            out.add(cpu_string(cpu, cpu.ld(sp + 8 + 8L * i)));
        }
        return out;
    }

    private static String cpu_string(UserMode cpu, long addr) {
        StringBuilder s = new StringBuilder();
        for (long a = addr;; a++) {
            int b = cpu.lbu(a);
            if (b == 0) {
                return s.toString();
            }
            s.append((char) b);
        }
    }

    /** Room for {@code n} bytes on the stack (16-byte aligned), released by {@link #pop}. */
    public long push(long n) {
        long sp = (cpu.sp() - n) & ~15L;
        cpu.set_sp(sp);
        return sp;
    }

    public void pop(long sp, long n) {
        cpu.set_sp(((sp + n) + 15) & ~15L);
    }

    // ---------------------------------------------------------------- processes

    public long getpid() {
        return cpu.ecall(SyscallTable.__NR_getpid);
    }

    public long getppid() {
        return cpu.ecall(SyscallTable.__NR_getppid);
    }

    /**
     * fork(): the child runs {@code child} (with its own UserMode: use that one, not the parent's)
     * and exits with what it returns (a Java program cannot
     * return twice from one call, so the child's side is a function, passed in t0 as glibc's
     * clone passes its fn). Returns the child's pid, or -errno, in the parent.
     */
    public long fork(UserCode child) {
        cpu.set_reg(PtRegs.T0, cpu.text(child));
        return cpu.ecall(SyscallTable.__NR_clone, 17 /* SIGCHLD */, 0, 0, 0, 0);
    }

    /** wait4(pid, &status, options, NULL): the pid reaped; {@code status[0]} gets the wait status. */
    public long wait4(long pid, int[] status, int options) {
        long addr = push(16);
        long r = cpu.ecall(SyscallTable.__NR_wait4, pid, addr, options, 0);
        if (status != null) {
            status[0] = (int) cpu.ld(addr);
        }
        pop(addr, 16);
        return r;
    }

    public long exit_group(long status) {
        return cpu.ecall(SyscallTable.__NR_exit_group, status);
    }

    public long kill(long pid, int sig) {
        return cpu.ecall(SyscallTable.__NR_kill, pid, sig);
    }

    /** sigaction(sig, {handler, flags, mask}, NULL); {@code handler} runs in this program. */
    public long sigaction(int sig, UserCode handler, long flags, long mask) {
        long addr = push(24);
        cpu.sd(addr, cpu.text(handler));
        cpu.sd(addr + 8, flags);
        cpu.sd(addr + 16, mask);
        long r = cpu.ecall(SyscallTable.__NR_rt_sigaction, sig, addr, 0, 8);
        pop(addr, 24);
        return r;
    }

    /** nanosleep for {@code ns}: 0, or -EINTR when a handled signal cut it short. */
    public long nanosleep(long ns) {
        long addr = push(16);
        cpu.sd(addr, ns / 1_000_000_000L);
        cpu.sd(addr + 8, ns % 1_000_000_000L);
        long r = cpu.ecall(SyscallTable.__NR_nanosleep, addr, 0);
        pop(addr, 16);
        return r;
    }

    /** execve(path, argv, envp): returns only on failure. */
    public long execve(String path, List<String> argv, List<String> envp) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(envp);
        all.add(path);
        long size = 0;
        for (String s : all) {
            size += s.length() + 1;
        }
        size += 8L * (argv.size() + envp.size() + 2);
        long base = push(size);
        long strings = base + 8L * (argv.size() + envp.size() + 2);
        long p = strings;
        long[] addrs = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            byte[] b = (all.get(i) + "\0").getBytes(StandardCharsets.ISO_8859_1);
            cpu.write(p, b, 0, b.length);
            addrs[i] = p;
            p += b.length;
        }
        long slot = base;
        for (int i = 0; i < argv.size(); i++, slot += 8) {
            cpu.sd(slot, addrs[i]);
        }
        cpu.sd(slot, 0);
        long envArray = slot + 8;
        slot = envArray;
        for (int i = 0; i < envp.size(); i++, slot += 8) {
            cpu.sd(slot, addrs[argv.size() + i]);
        }
        cpu.sd(slot, 0);
        long r = cpu.ecall(SyscallTable.__NR_execve, addrs[all.size() - 1], base, envArray);
        pop(base, size);
        return r;
    }

    // ---------------------------------------------------------------- memory and output

    public long brk(long addr) {
        return cpu.ecall(SyscallTable.__NR_brk, addr);
    }

    public long mmap(long addr, long len, int prot, int flags) {
        return cpu.ecall(SyscallTable.__NR_mmap, addr, len, prot, flags, -1, 0);
    }

    public long munmap(long addr, long len) {
        return cpu.ecall(SyscallTable.__NR_munmap, addr, len);
    }

    /** write(fd, text): the bytes are put in user memory first. */
    public long write(int fd, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        long addr = push(b.length);
        cpu.write(addr, b, 0, b.length);
        long r = cpu.ecall(SyscallTable.__NR_write, fd, addr, b.length);
        pop(addr, b.length);
        return r;
    }

    // ---------------------------------------------------------------- files

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int FD_CLOEXEC = 1;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    /** ioctl TCGETS: fails with ENOTTY on anything but a terminal, which makes it isatty's test. */
    public static final int TCGETS = 0x5401;
    /** ioctl on block devices: the size in bytes (a u64), and the logical sector size (an int). */
    public static final int BLKGETSIZE64 = 0x80081272;
    public static final int BLKSSZGET = 0x1268;
    public static final int RENAME_NOREPLACE = 1;
    public static final int MNT_DETACH = 2;
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    /** syslog(2) actions. */
    public static final int SYSLOG_ACTION_READ_ALL = 3;
    public static final int SYSLOG_ACTION_SIZE_BUFFER = 10;

    /** The error of the last call that returns an object rather than a number (a C program's errno). */
    public int errno;

    /** The environment, read from the initial stack after argv's NULL, as crt0 finds it. */
    public static List<String> envp(UserMode cpu) {
        long sp = cpu.sp();
        long argc = cpu.ld(sp);
        List<String> out = new ArrayList<>();
        for (long p = sp + 8 + 8 * (argc + 1);; p += 8) {
            long s = cpu.ld(p);
            if (s == 0) {
                return out;
            }
            out.add(cpu_string(cpu, s));
        }
    }

    /** strerror(3), glibc's texts. */
    public static String strerror(long errno) {
        return Errno.strerror(errno);
    }

    /** A NUL-terminated copy of {@code s} on the stack; release it with {@link #popString}. */
    public long pushString(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long addr = push(b.length + 1L);
        cpu.write(addr, b, 0, b.length);
        cpu.sb(addr + b.length, 0);
        return addr;
    }

    public void popString(long addr, String s) {
        pop(addr, s.length() + 1L);
    }

    /** The C string at {@code addr}. */
    public String string_at(long addr) {
        return cpu_string(cpu, addr);
    }

    private long path1(int nr, long a0, String path, long... rest) {
        long p = pushString(path);
        long[] args = new long[2 + rest.length];
        args[0] = a0;
        args[1] = p;
        System.arraycopy(rest, 0, args, 2, rest.length);
        long r = cpu.ecall(nr, args);
        popString(p, path);
        return r;
    }

    public long openat(int dirfd, String path, int flags, int mode) {
        return path1(SyscallTable.__NR_openat, dirfd, path, flags, mode);
    }

    public long open(String path, int flags, int mode) {
        return openat(AT_FDCWD, path, flags, mode);
    }

    public long close(int fd) {
        return cpu.ecall(SyscallTable.__NR_close, fd);
    }

    public long read(int fd, long buf, long count) {
        return cpu.ecall(SyscallTable.__NR_read, fd, buf, count);
    }

    public long write(int fd, long buf, long count) {
        return cpu.ecall(SyscallTable.__NR_write, fd, buf, count);
    }

    /** Writes all {@code count} bytes at {@code buf}, retrying short writes and EINTR: the count, or -errno. */
    public long write_all(int fd, long buf, long count) {
        long done = 0;
        while (done < count) {
            long n = write(fd, buf + done, count - done);
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n <= 0) {
                return n == 0 ? -Errno.EIO : n;
            }
            done += n;
        }
        return done;
    }

    public long readv(int fd, long iov, int iovcnt) {
        return cpu.ecall(SyscallTable.__NR_readv, fd, iov, iovcnt);
    }

    public long writev(int fd, long iov, int iovcnt) {
        return cpu.ecall(SyscallTable.__NR_writev, fd, iov, iovcnt);
    }

    public long pread64(int fd, long buf, long count, long offset) {
        return cpu.ecall(SyscallTable.__NR_pread64, fd, buf, count, offset);
    }

    public long pwrite64(int fd, long buf, long count, long offset) {
        return cpu.ecall(SyscallTable.__NR_pwrite64, fd, buf, count, offset);
    }

    public long lseek(int fd, long offset, int whence) {
        return cpu.ecall(SyscallTable.__NR_lseek, fd, offset, whence);
    }

    public long dup(int fd) {
        return cpu.ecall(SyscallTable.__NR_dup, fd);
    }

    public long dup3(int oldfd, int newfd, int flags) {
        return cpu.ecall(SyscallTable.__NR_dup3, oldfd, newfd, flags);
    }

    /** dup2 as glibc builds it on dup3 (which refuses oldfd == newfd): check oldfd with F_GETFL then. */
    public long dup2(int oldfd, int newfd) {
        if (oldfd == newfd) {
            long r = fcntl(oldfd, F_GETFL, 0);
            return r < 0 ? r : newfd;
        }
        return dup3(oldfd, newfd, 0);
    }

    public long fcntl(int fd, int cmd, long arg) {
        return cpu.ecall(SyscallTable.__NR_fcntl, fd, cmd, arg);
    }

    public long ioctl(int fd, long request, long arg) {
        return cpu.ecall(SyscallTable.__NR_ioctl, fd, request, arg);
    }

    /** ioctl(fd, BLKGETSIZE64, &size): a block device's size in bytes, or -errno. */
    public long blkgetsize64(int fd) {
        long a = push(8);
        long r = ioctl(fd, BLKGETSIZE64, a);
        long size = r < 0 ? r : cpu.ld(a);
        pop(a, 8);
        return size;
    }

    /** isatty(3): TCGETS into a struct termios on the stack succeeds. */
    public boolean isatty(int fd) {
        long t = push(64);
        long r = ioctl(fd, TCGETS, t);
        pop(t, 64);
        return r == 0;
    }

    /** pipe2(fds, flags): {@code fds[0]} the read end, {@code fds[1]} the write end. */
    public long pipe2(int[] fds, int flags) {
        long a = push(8);
        long r = cpu.ecall(SyscallTable.__NR_pipe2, a, flags);
        if (r == 0) {
            long v = cpu.ld(a);
            fds[0] = (int) v;
            fds[1] = (int) (v >> 32);
        }
        pop(a, 8);
        return r;
    }

    public long getdents64(int fd, long buf, long count) {
        return cpu.ecall(SyscallTable.__NR_getdents64, fd, buf, count);
    }

    public long mkdirat(int dirfd, String path, int mode) {
        return path1(SyscallTable.__NR_mkdirat, dirfd, path, mode);
    }

    public long mkdir(String path, int mode) {
        return mkdirat(AT_FDCWD, path, mode);
    }

    public long unlinkat(int dirfd, String path, int flags) {
        return path1(SyscallTable.__NR_unlinkat, dirfd, path, flags);
    }

    public long symlinkat(String target, int newdirfd, String linkpath) {
        long t = pushString(target);
        long l = pushString(linkpath);
        long r = cpu.ecall(SyscallTable.__NR_symlinkat, t, newdirfd, l);
        popString(l, linkpath);
        popString(t, target);
        return r;
    }

    public long linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) {
        long o = pushString(oldpath);
        long n = pushString(newpath);
        long r = cpu.ecall(SyscallTable.__NR_linkat, olddirfd, o, newdirfd, n, flags);
        popString(n, newpath);
        popString(o, oldpath);
        return r;
    }

    public long renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) {
        long o = pushString(oldpath);
        long n = pushString(newpath);
        long r = cpu.ecall(SyscallTable.__NR_renameat2, olddirfd, o, newdirfd, n, flags);
        popString(n, newpath);
        popString(o, oldpath);
        return r;
    }

    public long umount2(String target, int flags) {
        long t = pushString(target);
        long r = cpu.ecall(SyscallTable.__NR_umount2, t, flags);
        popString(t, target);
        return r;
    }

    /** mount(source, target, fstype, flags, data); a null {@code data} or {@code fstype} passes NULL. */
    public long mount(String source, String target, String fstype, long flags, String data) {
        long saved = cpu.sp();
        long s = pushString(source);
        long t = pushString(target);
        long f = fstype == null ? 0 : pushString(fstype);
        long d = data == null ? 0 : pushString(data);
        long r = cpu.ecall(SyscallTable.__NR_mount, s, t, f, flags, d);
        cpu.set_sp(saved);
        return r;
    }

    public long ftruncate(int fd, long length) {
        return cpu.ecall(SyscallTable.__NR_ftruncate, fd, length);
    }

    /** faccessat(dirfd, path, mode): the three-argument system call (flags need faccessat2). */
    public long faccessat(int dirfd, String path, int mode) {
        return path1(SyscallTable.__NR_faccessat, dirfd, path, mode);
    }

    public long chdir(String path) {
        long p = pushString(path);
        long r = cpu.ecall(SyscallTable.__NR_chdir, p);
        popString(p, path);
        return r;
    }

    public long fchdir(int fd) {
        return cpu.ecall(SyscallTable.__NR_fchdir, fd);
    }

    public long fchmodat(int dirfd, String path, int mode) {
        return path1(SyscallTable.__NR_fchmodat, dirfd, path, mode);
    }

    public long fchownat(int dirfd, String path, int uid, int gid, int flags) {
        return path1(SyscallTable.__NR_fchownat, dirfd, path, uid, gid, flags);
    }

    /** getcwd(3): the working directory, or null with {@link #errno} set. */
    public String getcwd() {
        int size = 4096;
        long buf = push(size);
        long r = cpu.ecall(SyscallTable.__NR_getcwd, buf, size);
        String out = r < 0 ? null : string_at(buf);
        errno = r < 0 ? (int) -r : 0;
        pop(buf, size);
        return out;
    }

    /** readlinkat(2): the link's target, or null with {@link #errno} set. */
    public String readlinkat(int dirfd, String path) {
        int size = 4096;
        long buf = push(size);
        long r = path1(SyscallTable.__NR_readlinkat, dirfd, path, buf, size);
        String out = null;
        if (r >= 0) {
            byte[] b = new byte[(int) r];
            cpu.read(buf, b, 0, b.length);
            out = new String(b, StandardCharsets.ISO_8859_1);
        }
        errno = r < 0 ? (int) -r : 0;
        pop(buf, size);
        return out;
    }

    /** newfstatat(dirfd, path, &st, flags): 0 with {@code st} filled, or -errno. */
    public long newfstatat(int dirfd, String path, Stat st, int flags) {
        long buf = push(Stat.SIZE);
        long r = path1(SyscallTable.__NR_newfstatat, dirfd, path, buf, flags);
        readStat(r, buf, st);
        pop(buf, Stat.SIZE);
        return r;
    }

    public long stat(String path, Stat st) {
        return newfstatat(AT_FDCWD, path, st, 0);
    }

    public long lstat(String path, Stat st) {
        return newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
    }

    public long fstat(int fd, Stat st) {
        long buf = push(Stat.SIZE);
        long r = cpu.ecall(SyscallTable.__NR_fstat, fd, buf);
        readStat(r, buf, st);
        pop(buf, Stat.SIZE);
        return r;
    }

    private void readStat(long r, long buf, Stat st) {
        if (r == 0) {
            byte[] raw = new byte[Stat.SIZE];
            cpu.read(buf, raw, 0, raw.length);
            st.decode(raw);
        }
    }

    /** statx(dirfd, path, flags, mask, buf): the raw call, struct statx at {@code buf}. */
    public long statx(int dirfd, String path, int flags, int mask, long buf) {
        return path1(SyscallTable.__NR_statx, dirfd, path, flags, mask, buf);
    }

    public long sync() {
        return cpu.ecall(SyscallTable.__NR_sync);
    }

    public long fsync(int fd) {
        return cpu.ecall(SyscallTable.__NR_fsync, fd);
    }

    public long umask(int mask) {
        return cpu.ecall(SyscallTable.__NR_umask, mask);
    }

    public long syslog(int type, long buf, long len) {
        return cpu.ecall(SyscallTable.__NR_syslog, type, buf, len);
    }

    /** uname(2): the six fields of struct utsname (65 bytes each), or null with {@link #errno} set. */
    public String[] uname() {
        int size = 6 * 65;
        long buf = push(size);
        long r = cpu.ecall(SyscallTable.__NR_uname, buf);
        String[] out = null;
        if (r == 0) {
            out = new String[6];
            for (int i = 0; i < 6; i++) {
                out[i] = string_at(buf + 65L * i);
            }
        }
        errno = r < 0 ? (int) -r : 0;
        pop(buf, size);
        return out;
    }

    public long sethostname(String name) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        long buf = push(b.length + 1L);
        cpu.write(buf, b, 0, b.length);
        long r = cpu.ecall(SyscallTable.__NR_sethostname, buf, b.length);
        pop(buf, b.length + 1L);
        return r;
    }

    /** clock_gettime(clk, &ts): {@code ts[0]} seconds, {@code ts[1]} nanoseconds. */
    public long clock_gettime(int clk, long[] ts) {
        long buf = push(16);
        long r = cpu.ecall(SyscallTable.__NR_clock_gettime, clk, buf);
        if (r == 0) {
            ts[0] = cpu.ld(buf);
            ts[1] = cpu.ld(buf + 8);
        }
        pop(buf, 16);
        return r;
    }

    /**
     * wait4 with a struct rusage: {@code rusage[0..1]} user time (s, us), {@code [2..3]} system
     * time; the other fields are not copied out.
     */
    public long wait4(long pid, int[] status, int options, long[] rusage) {
        long addr = push(16 + 144);
        long ru = addr + 16;
        long r = cpu.ecall(SyscallTable.__NR_wait4, pid, addr, options, ru);
        if (r > 0) {
            if (status != null) {
                status[0] = (int) cpu.ld(addr);
            }
            for (int i = 0; i < 4; i++) {
                rusage[i] = cpu.ld(ru + 8L * i);
            }
        }
        pop(addr, 16 + 144);
        return r;
    }

    public long pselect6(int nfds, long readfds, long writefds, long exceptfds, long timeout, long sigmask) {
        return cpu.ecall(SyscallTable.__NR_pselect6, nfds, readfds, writefds, exceptfds, timeout, sigmask);
    }

    public long ppoll(long fds, int nfds, long timeout, long sigmask, long sigsetsize) {
        return cpu.ecall(SyscallTable.__NR_ppoll, fds, nfds, timeout, sigmask, sigsetsize);
    }

    // ---- time, identity and limits
    // Pointers are user addresses, as in C: callers put structures in user memory (push) and read
    // them back with cpu().ld; results are the raw syscall returns (-errno on failure).

    /** A NUL-terminated string in user memory. */
    public String cstring(long addr) {
        return cpu_string(cpu, addr);
    }

    /** Puts {@code bytes} on the stack; returns their address (pop it with {@link #pop}). */
    public long push_bytes(byte[] bytes) {
        long addr = push(bytes.length);
        cpu.write(addr, bytes, 0, bytes.length);
        return addr;
    }

    public long setuid(int uid) {
        return cpu.ecall(SyscallTable.__NR_setuid, uid);
    }

    /** getresuid(2) into three uid_t at {@code ruid}, {@code euid}, {@code suid}. */
    public long getresuid(long ruid, long euid, long suid) {
        return cpu.ecall(SyscallTable.__NR_getresuid, ruid, euid, suid);
    }

    /** getresgid(2) into three gid_t. */
    public long getresgid(long rgid, long egid, long sgid) {
        return cpu.ecall(SyscallTable.__NR_getresgid, rgid, egid, sgid);
    }

    public long setgid(int gid) {
        return cpu.ecall(SyscallTable.__NR_setgid, gid);
    }

    /** uname(buf): struct new_utsname, six 65-byte fields. */
    public long uname(long buf) {
        return cpu.ecall(SyscallTable.__NR_uname, buf);
    }

    public long sethostname(long name, long len) {
        return cpu.ecall(SyscallTable.__NR_sethostname, name, len);
    }

    public long setdomainname(long name, long len) {
        return cpu.ecall(SyscallTable.__NR_setdomainname, name, len);
    }

    /** times(buf): struct tms {utime, stime, cutime, cstime} in clock ticks; returns ticks since boot. */
    public long times(long buf) {
        return cpu.ecall(SyscallTable.__NR_times, buf);
    }

    /** sysinfo(info): struct sysinfo, 112 bytes. */
    public long sysinfo(long info) {
        return cpu.ecall(SyscallTable.__NR_sysinfo, info);
    }

    public long getrandom(long buf, long len, int flags) {
        return cpu.ecall(SyscallTable.__NR_getrandom, buf, len, flags);
    }

    /** getrlimit(resource, rlim): struct rlimit {rlim_cur, rlim_max}. */
    public long getrlimit(int resource, long rlim) {
        return cpu.ecall(SyscallTable.__NR_getrlimit, resource, rlim);
    }

    public long setrlimit(int resource, long rlim) {
        return cpu.ecall(SyscallTable.__NR_setrlimit, resource, rlim);
    }

    /** setrlimit with the limits given as values (the struct goes on the stack). */
    public long setrlimit(int resource, long cur, long max) {
        long addr = push(16);
        cpu.sd(addr, cur);
        cpu.sd(addr + 8, max);
        long r = setrlimit(resource, addr);
        pop(addr, 16);
        return r;
    }

    public long prlimit64(long pid, int resource, long newRlim, long oldRlim) {
        return cpu.ecall(SyscallTable.__NR_prlimit64, pid, resource, newRlim, oldRlim);
    }

    /** clock_gettime(clk, tp): struct timespec {tv_sec, tv_nsec}. */
    public long clock_gettime(int clk, long tp) {
        return cpu.ecall(SyscallTable.__NR_clock_gettime, clk, tp);
    }

    /** The clock's time in ns, or -errno. */
    public long clock_gettime_ns(int clk) {
        long tp = push(16);
        long r = clock_gettime(clk, tp);
        long ns = r < 0 ? r : cpu.ld(tp) * 1_000_000_000L + cpu.ld(tp + 8);
        pop(tp, 16);
        return ns;
    }

    public long clock_getres(int clk, long res) {
        return cpu.ecall(SyscallTable.__NR_clock_getres, clk, res);
    }

    public long clock_nanosleep(int clk, int flags, long req, long rem) {
        return cpu.ecall(SyscallTable.__NR_clock_nanosleep, clk, flags, req, rem);
    }

    /** clock_nanosleep for {@code ns} (an interval, or with TIMER_ABSTIME a time), without rem. */
    public long clock_nanosleep_ns(int clk, int flags, long ns) {
        long req = push(16);
        cpu.sd(req, ns / 1_000_000_000L);
        cpu.sd(req + 8, ns % 1_000_000_000L);
        long r = clock_nanosleep(clk, flags, req, 0);
        pop(req, 16);
        return r;
    }

    /** gettimeofday(tv, tz): struct timeval {tv_sec, tv_usec}, struct timezone; either may be 0. */
    public long gettimeofday(long tv, long tz) {
        return cpu.ecall(SyscallTable.__NR_gettimeofday, tv, tz);
    }

    public long madvise(long addr, long len, int advice) {
        return cpu.ecall(SyscallTable.__NR_madvise, addr, len, advice);
    }

    public long set_robust_list(long head, long len) {
        return cpu.ecall(SyscallTable.__NR_set_robust_list, head, len);
    }

    public long get_robust_list(long pid, long headPtr, long lenPtr) {
        return cpu.ecall(SyscallTable.__NR_get_robust_list, pid, headPtr, lenPtr);
    }

    // ---- sockets (sys/socket.h, sys/un.h)
    // Addresses and buffers are user addresses, as in C; the *_unix helpers build a struct
    // sockaddr_un on the stack, as SUN_LEN does: the family, the path and no NUL.

    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_PASSCRED = 16;
    public static final int SO_PEERCRED = 17;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int MSG_PEEK = 2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_WAITALL = 0x100;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;
    /** sizeof(struct sockaddr_un). */
    public static final int SOCKADDR_UN_SIZE = 110;

    public long socket(int domain, int type, int protocol) {
        return cpu.ecall(SyscallTable.__NR_socket, domain, type, protocol);
    }

    /** socketpair(domain, type, protocol, sv): {@code sv} gets the two descriptors. */
    public long socketpair(int domain, int type, int protocol, int[] sv) {
        long a = push(8);
        long r = cpu.ecall(SyscallTable.__NR_socketpair, domain, type, protocol, a);
        if (r == 0) {
            long v = cpu.ld(a);
            sv[0] = (int) v;
            sv[1] = (int) (v >> 32);
        }
        pop(a, 8);
        return r;
    }

    public long bind(int fd, long addr, int addrlen) {
        return cpu.ecall(SyscallTable.__NR_bind, fd, addr, addrlen);
    }

    public long listen(int fd, int backlog) {
        return cpu.ecall(SyscallTable.__NR_listen, fd, backlog);
    }

    public long accept(int fd, long addr, long addrlen) {
        return cpu.ecall(SyscallTable.__NR_accept, fd, addr, addrlen);
    }

    public long accept4(int fd, long addr, long addrlen, int flags) {
        return cpu.ecall(SyscallTable.__NR_accept4, fd, addr, addrlen, flags);
    }

    public long connect(int fd, long addr, int addrlen) {
        return cpu.ecall(SyscallTable.__NR_connect, fd, addr, addrlen);
    }

    public long getsockname(int fd, long addr, long addrlen) {
        return cpu.ecall(SyscallTable.__NR_getsockname, fd, addr, addrlen);
    }

    public long getpeername(int fd, long addr, long addrlen) {
        return cpu.ecall(SyscallTable.__NR_getpeername, fd, addr, addrlen);
    }

    public long sendto(int fd, long buf, long len, int flags, long addr, int addrlen) {
        return cpu.ecall(SyscallTable.__NR_sendto, fd, buf, len, flags, addr, addrlen);
    }

    /** send(2), which glibc makes sendto with no address. */
    public long send(int fd, long buf, long len, int flags) {
        return sendto(fd, buf, len, flags, 0, 0);
    }

    public long recvfrom(int fd, long buf, long len, int flags, long addr, long addrlen) {
        return cpu.ecall(SyscallTable.__NR_recvfrom, fd, buf, len, flags, addr, addrlen);
    }

    /** recv(2), which glibc makes recvfrom with no address. */
    public long recv(int fd, long buf, long len, int flags) {
        return recvfrom(fd, buf, len, flags, 0, 0);
    }

    public long setsockopt(int fd, int level, int optname, long optval, int optlen) {
        return cpu.ecall(SyscallTable.__NR_setsockopt, fd, level, optname, optval, optlen);
    }

    /** setsockopt with an int value (the value goes on the stack). */
    public long setsockopt_int(int fd, int level, int optname, int value) {
        long a = push(4);
        cpu.write(a, new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)}, 0, 4);
        long r = setsockopt(fd, level, optname, a, 4);
        pop(a, 4);
        return r;
    }

    public long getsockopt(int fd, int level, int optname, long optval, long optlen) {
        return cpu.ecall(SyscallTable.__NR_getsockopt, fd, level, optname, optval, optlen);
    }

    /** getsockopt of an int option: its value, or -errno. */
    public long getsockopt_int(int fd, int level, int optname) {
        long a = push(16);
        cpu.sd(a + 8, 4);
        long r = getsockopt(fd, level, optname, a, a + 8);
        long v = r < 0 ? r : (int) cpu.ld(a);
        pop(a, 16);
        return v;
    }

    public long shutdown(int fd, int how) {
        return cpu.ecall(SyscallTable.__NR_shutdown, fd, how);
    }

    public long sendmsg(int fd, long msg, int flags) {
        return cpu.ecall(SyscallTable.__NR_sendmsg, fd, msg, flags);
    }

    public long recvmsg(int fd, long msg, int flags) {
        return cpu.ecall(SyscallTable.__NR_recvmsg, fd, msg, flags);
    }

    /** The bytes of a struct sockaddr_un for {@code path} (a leading NUL makes it abstract), SUN_LEN long. */
    public static byte[] sockaddr_un(String path) {
        byte[] p = path.getBytes(StandardCharsets.ISO_8859_1);
        byte[] a = new byte[2 + p.length];
        a[0] = (byte) AF_UNIX;
        System.arraycopy(p, 0, a, 2, p.length);
        return a;
    }

    /** bind(fd, {AF_UNIX, path}, SUN_LEN). */
    public long bind_unix(int fd, String path) {
        byte[] a = sockaddr_un(path);
        long addr = push_bytes(a);
        long r = bind(fd, addr, a.length);
        pop(addr, a.length);
        return r;
    }

    /** connect(fd, {AF_UNIX, path}, SUN_LEN). */
    public long connect_unix(int fd, String path) {
        byte[] a = sockaddr_un(path);
        long addr = push_bytes(a);
        long r = connect(fd, addr, a.length);
        pop(addr, a.length);
        return r;
    }

    // ---- AF_INET (netinet/in.h, arpa/inet.h, net/if.h)

    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_UDP = 17;
    public static final int SOL_IP = 0;
    public static final int IP_TTL = 2;
    public static final int IP_RECVTTL = 12;
    public static final int SIOCGIFFLAGS = 0x8913;
    public static final int SIOCSIFFLAGS = 0x8914;
    public static final int IFF_UP = 0x1;

    /** inet_aton: a dotted quad to a host-order address; -1 with {@code ok[0]} false if malformed. */
    public static int inet_aton(String s, boolean[] ok) {
        String[] parts = s.split("\\.", -1);
        ok[0] = parts.length == 4;
        int a = 0;
        for (int i = 0; ok[0] && i < 4; i++) {
            try {
                int v = Integer.parseInt(parts[i]);
                ok[0] = v >= 0 && v <= 255 && !parts[i].startsWith("+");
                a = a << 8 | v;
            } catch (NumberFormatException e) {
                ok[0] = false;
            }
        }
        return ok[0] ? a : -1;
    }

    /** inet_ntoa: a host-order address as a dotted quad. */
    public static String inet_ntoa(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    /** The 16 bytes of a struct sockaddr_in {AF_INET, htons(port), htonl(addr)}. */
    public static byte[] sockaddr_in(int addr, int port) {
        return new byte[] {(byte) AF_INET, 0, (byte) (port >>> 8), (byte) port, (byte) (addr >>> 24),
            (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    /** bind(fd, {AF_INET, port, addr}, 16). */
    public long bind_inet(int fd, int addr, int port) {
        long a = push_bytes(sockaddr_in(addr, port));
        long r = bind(fd, a, 16);
        pop(a, 16);
        return r;
    }

    /** connect(fd, {AF_INET, port, addr}, 16). */
    public long connect_inet(int fd, int addr, int port) {
        long a = push_bytes(sockaddr_in(addr, port));
        long r = connect(fd, a, 16);
        pop(a, 16);
        return r;
    }

    /** sendto(fd, buf, len, flags, {AF_INET, port, addr}, 16). */
    public long sendto_inet(int fd, long buf, long len, int flags, int addr, int port) {
        long a = push_bytes(sockaddr_in(addr, port));
        long r = sendto(fd, buf, len, flags, a, 16);
        pop(a, 16);
        return r;
    }

    /** A struct ifreq (40 bytes) naming {@code dev} on the stack; the caller pops 40. */
    public long push_ifreq(String dev) {
        byte[] ifr = new byte[40];
        byte[] n = dev.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, ifr, 0, Math.min(15, n.length));
        return push_bytes(ifr);
    }

    /** ioctl(fd, SIOCGIFFLAGS) then SIOCSIFFLAGS with IFF_UP set or cleared: ifconfig DEV up|down. */
    public long if_set_up(int fd, String dev, boolean up) {
        long ifr = push_ifreq(dev);
        long r = ioctl(fd, SIOCGIFFLAGS, ifr);
        if (r == 0) {
            long w = cpu.ld(ifr + 16);
            int flags = (int) w & 0xffff;
            flags = up ? flags | IFF_UP : flags & ~IFF_UP;
            cpu.sd(ifr + 16, (w & ~0xffffL) | flags);
            r = ioctl(fd, SIOCSIFFLAGS, ifr);
        }
        pop(ifr, 40);
        return r;
    }
}
