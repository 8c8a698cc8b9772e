package org.jstap.lang.cli.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jstap.api.Machine;
import org.jstap.api.MachineConfig;
import org.jstap.api.ProbeSession;
import org.jstap.api.Script;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/**
 * jstrace's lines for the calls whose arguments the kernel fills in: a program in the machine makes
 * the calls of a C program that was traced with strace 6.1 on a Linux host (x86_64, Linux 6.18),
 * in the same order, and jstrace's script with its TraceWriter must print them as strace printed
 * them there: the data read, the structures written, abbreviated as strace abbreviates them, and
 * with {@code -v} whole. The values themselves (times, inode numbers, sizes of the host's /tmp)
 * are the machine's; each expected line below was checked against the host's line for its layout.
 */
class OutputTraceTest {
    private static final int AT_FDCWD = Libc.AT_FDCWD;

    /** The program: the calls of the host's C program (see the class comment), after its setup. */
    static long program(UserMode cpu) {
        Libc c = new Libc(cpu);
        // setup, before the traced part starts at the first open of hello.txt
        c.mkdir("/tmp/dir", 0755);
        c.close((int) c.open("/tmp/dir/a", Libc.O_WRONLY | Libc.O_CREAT, 0644));
        c.close((int) c.open("/tmp/dir/bb", Libc.O_WRONLY | Libc.O_CREAT, 0644));
        c.symlinkat("/tmp/hello.txt", AT_FDCWD, "/tmp/link");
        c.chdir("/tmp");

        long buf = c.push(4096);
        int fd = (int) c.open("/tmp/hello.txt", Libc.O_RDONLY, 0);
        c.read(fd, buf, 4096);
        c.read(fd, buf, 4096);
        c.read(99, buf, 10);
        c.pread64(fd, buf, 5, 6);
        c.lseek(fd, 0, Libc.SEEK_SET);
        long iov = c.push(32);
        cpu.sd(iov, c.push(3));
        cpu.sd(iov + 8, 3);
        cpu.sd(iov + 16, c.push(20));
        cpu.sd(iov + 24, 20);
        c.readv(fd, iov, 2);
        cpu.ecall(SyscallTable.__NR_preadv, fd, iov, 2, 0);
        long st = c.push(128);
        cpu.ecall(SyscallTable.__NR_newfstatat, fd, str(c, ""), st, Libc.AT_EMPTY_PATH);
        cpu.ecall(SyscallTable.__NR_newfstatat, AT_FDCWD, str(c, "/tmp/hello.txt"), st, 0);
        cpu.ecall(SyscallTable.__NR_newfstatat, AT_FDCWD, str(c, "/nope"), st, 0);
        cpu.ecall(SyscallTable.__NR_newfstatat, AT_FDCWD, str(c, "/dev/null"), st, 0);
        cpu.ecall(SyscallTable.__NR_fstat, fd, st);
        c.statx(AT_FDCWD, "/tmp/hello.txt", 0, 0x7ff, c.push(256));
        int d = (int) c.open("/tmp/dir", Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        c.getdents64(d, buf, 4096);
        c.getdents64(d, buf, 4096);
        int[] p = new int[2];
        c.pipe2(p, 0);
        c.pipe2(p, Libc.O_CLOEXEC);
        long ts = c.push(16);
        c.clock_gettime(Libc.CLOCK_MONOTONIC, ts);
        c.clock_getres(Libc.CLOCK_MONOTONIC, ts);
        c.gettimeofday(ts, 0);
        c.uname(c.push(6 * 65));
        cpu.ecall(SyscallTable.__NR_getcwd, buf, 4096);
        cpu.ecall(SyscallTable.__NR_getcwd, buf, 2);
        cpu.ecall(SyscallTable.__NR_readlinkat, AT_FDCWD, str(c, "/tmp/link"), buf, 4096);
        cpu.ecall(SyscallTable.__NR_readlinkat, AT_FDCWD, str(c, "/tmp/link"), buf, 3);
        long old = c.push(24);
        cpu.ecall(SyscallTable.__NR_rt_sigaction, 2, 0, old, 8);
        long set = c.push(8);
        cpu.sd(set, 1L << (17 - 1));
        long oset = c.push(8);
        cpu.ecall(SyscallTable.__NR_rt_sigprocmask, 0, set, oset, 8);
        cpu.ecall(SyscallTable.__NR_rt_sigprocmask, 0, set, oset, 8);
        long rl = c.push(16);
        c.getrlimit(7, rl);
        c.prlimit64(0, 3, 0, rl);
        c.sysinfo(c.push(112));
        c.times(c.push(32));
        c.getresuid(c.push(4), c.push(4), c.push(4));
        c.getresgid(c.push(4), c.push(4), c.push(4));
        cpu.ecall(SyscallTable.__NR_getgroups, 8, c.push(32));
        c.write(p[1], "x");
        // struct pollfd {int fd; short events, revents;}: p[0] for POLLIN, p[1] for POLLOUT
        long pfd = c.push_bytes(java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(p[0])
                .putShort((short) 1).putShort((short) 0).putInt(p[1]).putShort((short) 4).putShort((short) 0).array());
        long to = c.push(16);
        cpu.sd(to, 1);
        cpu.sd(to + 8, 0);
        c.ppoll(pfd, 2, to, 0, 8);
        c.ppoll(pfd, 1, 0, 0, 8);
        long rs = c.push(8);
        cpu.sd(rs, 1L << p[0]);
        long ws = c.push(8);
        cpu.sd(ws, 1L << p[1]);
        long sig = c.push(16);
        cpu.sd(sig + 8, 8);
        c.pselect6(p[1] + 1, rs, ws, 0, to, sig);
        c.ioctl(p[0], 0x541B, c.push(4));
        c.getrandom(c.push(8), 8, 1);
        long req = c.push(16);
        cpu.sd(req + 8, 1_000_000);
        cpu.ecall(SyscallTable.__NR_nanosleep, req, c.push(16));
        c.clock_nanosleep(Libc.CLOCK_MONOTONIC, 0, req, 0);
        long child = c.fork(k -> new Libc(k).exit_group(3));
        c.wait4(child, new int[1], 0);
        c.wait4(-1, new int[1], 1);
        return 0;
    }

    private static long str(Libc c, String s) {
        return c.push_bytes((s + "\0").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String trace(boolean verbose) throws java.io.IOException {
        MachineConfig config = MachineConfig.defaults().withFile("/bin/outs", BinfmtJava.executable("outs"))
                .withFile("/tmp/hello.txt", "hello world\n");
        try (Machine m = Machine.boot(config)) {
            m.kernel().binfmt_java().register_program("outs", OutputTraceTest::program);
            // as SocketTraceTest: the target is marked at its first syscall
            String text = Script.resource(TraceWriter.class, "trace.stp").text();
            String entry = "probe syscall.*\n{\n";
            String script = text.replace(entry, entry + "\tif (pid() == target()) _traced[pid()] = 1\n");
            ProbeSession trace = m.attach(Script.of(script).withArgs("0", "0", "0", "32", "0", "0", verbose ? "1" : "0")
                    .define("MAXSTRINGLEN", 8192));
            m.run("exec outs");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TraceWriter w = new TraceWriter(new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                    new PrintStream(new ByteArrayOutputStream()), new TraceWriter.Style(true, null,
                            new Qualifiers(List.copyOf(org.jstap.lang.cli.JstraceCommand.tapsetNames())), 0, false, false, false, 0, false, false));
            byte[] records = trace.output().getBytes(StandardCharsets.ISO_8859_1);
            w.write(records, 0, records.length);
            w.finish(0);
            String all = out.toString(StandardCharsets.ISO_8859_1);
            return all.substring(all.indexOf("openat(AT_FDCWD, \"/tmp/hello.txt\"")).replaceAll("0x3f[0-9a-f]{6,}", "ADDR");
        }
    }

    @Test
    void outputArguments_printAsStraceDoes() throws Exception {
        // strace 6.1 printed the same lines for the host's program, with the host's values (its /tmp,
        // inode numbers, times, fds of glibc's startup) and fstat as newfstatat(3, "", ..., AT_EMPTY_PATH),
        // which is how glibc makes it on x86_64
        assertEquals("""
                openat(AT_FDCWD, "/tmp/hello.txt", O_RDONLY) = 3
                read(3, "hello world\\n", 4096)          = 12
                read(3, "", 4096)                       = 0
                read(99, ADDR, 10)              = -1 EBADF (Bad file descriptor)
                pread64(3, "world", 5, 6)               = 5
                lseek(3, 0, SEEK_SET)                   = 0
                readv(3, [{iov_base="hel", iov_len=3}, {iov_base="lo world\\n", iov_len=20}], 2) = 12
                preadv(3, [{iov_base="hel", iov_len=3}, {iov_base="lo world\\n", iov_len=20}], 2, 0) = 12
                newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=12, ...}, AT_EMPTY_PATH) = 0
                newfstatat(AT_FDCWD, "/tmp/hello.txt", {st_mode=S_IFREG|0644, st_size=12, ...}, 0) = 0
                newfstatat(AT_FDCWD, "/nope", ADDR, 0) = -1 ENOENT (No such file or directory)
                newfstatat(AT_FDCWD, "/dev/null", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, 0) = 0
                fstat(3, {st_mode=S_IFREG|0644, st_size=12, ...}) = 0
                statx(AT_FDCWD, "/tmp/hello.txt", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=12, ...}) = 0
                openat(AT_FDCWD, "/tmp/dir", O_RDONLY|O_DIRECTORY) = 4
                getdents64(4, ADDR /* 4 entries */, 4096) = 96
                getdents64(4, ADDR /* 0 entries */, 4096) = 0
                pipe2([5, 6], 0)                        = 0
                pipe2([7, 8], O_CLOEXEC)                = 0
                clock_gettime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=196260}) = 0
                clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0
                gettimeofday({tv_sec=1767225600, tv_usec=50}, NULL) = 0
                uname({sysname="Linux", nodename="jstap", ...}) = 0
                getcwd("/tmp", 4096)                    = 5
                getcwd(ADDR, 2)                 = -1 ERANGE (Numerical result out of range)
                readlinkat(AT_FDCWD, "/tmp/link", "/tmp/hello.txt", 4096) = 14
                readlinkat(AT_FDCWD, "/tmp/link", "/tm", 3) = 3
                rt_sigaction(SIGINT, NULL, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0
                rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0
                rt_sigprocmask(SIG_BLOCK, [CHLD], [CHLD], 8) = 0
                getrlimit(RLIMIT_NOFILE, {rlim_cur=1*1024, rlim_max=4*1024}) = 0
                prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0
                sysinfo({uptime=1, loads=[0, 0, 0], totalram=130023424, freeram=127307776, sharedram=0, bufferram=0, totalswap=0, freeswap=0, procs=9, totalhigh=0, freehigh=0, mem_unit=1}) = 0
                times({tms_utime=0, tms_stime=0, tms_cutime=0, tms_cstime=0}) = 0
                getresuid([0], [0], [0])                = 0
                getresgid([0], [0], [0])                = 0
                getgroups(8, [])                        = 0
                write(8, "x", 1)                        = 1
                ppoll([{fd=7, events=POLLIN}, {fd=8, events=POLLOUT}], 2, {tv_sec=1, tv_nsec=0}, NULL, 8) = 2 ([{fd=7, revents=POLLIN}, {fd=8, revents=POLLOUT}], left {tv_sec=0, tv_nsec=999999980})
                ppoll([{fd=7, events=POLLIN}], 1, NULL, NULL, 8) = 1 ([{fd=7, revents=POLLIN}])
                pselect6(9, [7], [8], NULL, {tv_sec=0, tv_nsec=999999980}, {sigmask=NULL, sigsetsize=8}) = 2 (in [7], out [8], left {tv_sec=0, tv_nsec=999999940})
                ioctl(7, FIONREAD, [1])                 = 0
                getrandom("\\xc3\\xf0\\x96\\x02\\xc1\\x57\\x9b\\x67", 8, GRND_NONBLOCK) = 8
                nanosleep({tv_sec=0, tv_nsec=1000000}, ADDR) = 0
                clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000000}, NULL) = 0
                clone(child_stack=NULL, flags=SIGCHLD)  = 22
                wait4(22, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 22
                --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=22, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---
                wait4(-1, ADDR, WNOHANG, NULL)  = -1 ECHILD (No child processes)
                exit_group(0)                           = ?
                +++ exited with 0 +++
                """, trace(false));
    }

    @Test
    void verbose_printsTheStructuresWhole() throws Exception {
        // the lines -v changes, as strace 6.1 -v prints them (st_dev and the times are the machine's)
        List<String> plain = trace(false).lines().toList();
        List<String> changed = trace(true).lines().filter(l -> !plain.contains(l)).toList();
        assertEquals("""
                newfstatat(3, "", {st_dev=makedev(0, 0x1), st_ino=89, st_mode=S_IFREG|0644, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=12, st_atime=1767225600 /* 2026-01-01T00:00:00.000049448+0000 */, st_atime_nsec=49448, st_mtime=1767139200 /* 2025-12-31T00:00:00+0000 */, st_mtime_nsec=0, st_ctime=0 /* 1970-01-01T00:00:00.000145860+0000 */, st_ctime_nsec=145860}, AT_EMPTY_PATH) = 0
                newfstatat(AT_FDCWD, "/tmp/hello.txt", {st_dev=makedev(0, 0x1), st_ino=89, st_mode=S_IFREG|0644, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=12, st_atime=1767225600 /* 2026-01-01T00:00:00.000049448+0000 */, st_atime_nsec=49448, st_mtime=1767139200 /* 2025-12-31T00:00:00+0000 */, st_mtime_nsec=0, st_ctime=0 /* 1970-01-01T00:00:00.000145860+0000 */, st_ctime_nsec=145860}, 0) = 0
                newfstatat(AT_FDCWD, "/dev/null", {st_dev=makedev(0, 0x3), st_ino=3, st_mode=S_IFCHR|0666, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=0, st_rdev=makedev(0x1, 0x3), st_atime=0 /* 1970-01-01T00:00:00.000138000+0000 */, st_atime_nsec=138000, st_mtime=0 /* 1970-01-01T00:00:00.000138000+0000 */, st_mtime_nsec=138000, st_ctime=0 /* 1970-01-01T00:00:00.000138000+0000 */, st_ctime_nsec=138000}, 0) = 0
                fstat(3, {st_dev=makedev(0, 0x1), st_ino=89, st_mode=S_IFREG|0644, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=12, st_atime=1767225600 /* 2026-01-01T00:00:00.000049448+0000 */, st_atime_nsec=49448, st_mtime=1767139200 /* 2025-12-31T00:00:00+0000 */, st_mtime_nsec=0, st_ctime=0 /* 1970-01-01T00:00:00.000145860+0000 */, st_ctime_nsec=145860}) = 0
                statx(AT_FDCWD, "/tmp/hello.txt", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_blksize=4096, stx_attributes=0, stx_nlink=1, stx_uid=0, stx_gid=0, stx_mode=S_IFREG|0644, stx_ino=89, stx_size=12, stx_blocks=8, stx_attributes_mask=0, stx_atime={tv_sec=1767225600, tv_nsec=49448} /* 2026-01-01T00:00:00.000049448+0000 */, stx_ctime={tv_sec=0, tv_nsec=145860} /* 1970-01-01T00:00:00.000145860+0000 */, stx_mtime={tv_sec=1767139200, tv_nsec=0} /* 2025-12-31T00:00:00+0000 */, stx_rdev_major=0, stx_rdev_minor=0, stx_dev_major=0, stx_dev_minor=1, stx_mnt_id=0x14}) = 0
                getdents64(4, [{d_ino=90, d_off=1, d_reclen=24, d_type=DT_DIR, d_name="."}, {d_ino=19, d_off=2, d_reclen=24, d_type=DT_DIR, d_name=".."}, {d_ino=91, d_off=3, d_reclen=24, d_type=DT_REG, d_name="a"}, {d_ino=92, d_off=4, d_reclen=24, d_type=DT_REG, d_name="bb"}], 4096) = 96
                getdents64(4, [], 4096)                 = 0
                uname({sysname="Linux", nodename="jstap", release="6.1.0-jstap", version="#1 SMP PREEMPT_DYNAMIC Thu Jan  1 00:00:00 UTC 2026", machine="riscv64", domainname="(none)"}) = 0
                """, String.join("\n", changed) + "\n");
    }
}
