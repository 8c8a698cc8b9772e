package org.jstap.lang.cli.strace;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The syscall classes of strace's {@code -e trace=%CLASS} (its sysent flags TF, TD, TP, TS, TM,
 * TN, TC, TCL, TPU and the stat families), for the syscalls the simulated kernel implements.
 * Membership follows strace 6.x's tables for the asm-generic (RISC-V) numbers.
 */
final class SyscallClasses {
    private SyscallClasses() {}

    /** The classes strace accepts, each with its members here (an empty one is valid, as %ipc is). */
    static final Map<String, Set<String>> CLASSES = Map.ofEntries(
            Map.entry("file", set("getcwd mknodat mkdirat unlinkat symlinkat linkat umount2 mount faccessat chdir chroot "
                    + "fchmodat fchownat openat readlinkat newfstatat renameat2 statx faccessat2 utimensat execve")),
            Map.entry("desc", set("dup dup3 fcntl ioctl mknodat mkdirat unlinkat symlinkat linkat ftruncate faccessat "
                    + "fchdir fchmod fchmodat fchownat fchown openat close pipe2 getdents64 lseek read readv writev "
                    + "pread64 pwrite64 preadv pwritev pselect6 ppoll readlinkat newfstatat fstat fsync fdatasync "
                    + "syncfs renameat2 statx faccessat2 write utimensat mmap")),
            Map.entry("process", set("exit exit_group kill tgkill clone execve wait4")),
            Map.entry("signal", set("kill tgkill rt_sigaction rt_sigprocmask rt_sigreturn")),
            Map.entry("memory", set("brk munmap mmap mprotect madvise")),
            Map.entry("network", set("socket socketpair bind listen accept accept4 connect getsockname getpeername "
                    + "sendto recvfrom setsockopt getsockopt shutdown sendmsg recvmsg")),
            Map.entry("ipc", set("")),
            Map.entry("creds", set("setgid setuid getresuid getresgid getgroups setgroups getuid geteuid getgid getegid")),
            Map.entry("clock", set("clock_gettime clock_getres gettimeofday")),
            Map.entry("pure", set("getpid getppid getuid geteuid getgid getegid gettid")),
            Map.entry("stat", set("")),
            Map.entry("lstat", set("")),
            Map.entry("fstat", set("newfstatat fstat statx")),
            Map.entry("%stat", set("newfstatat fstat statx")),
            Map.entry("statfs", set("")),
            Map.entry("fstatfs", set("")),
            Map.entry("%statfs", set("")));

    private static Set<String> set(String names) {
        Set<String> s = new LinkedHashSet<>();
        for (String n : names.split(" ")) {
            if (!n.isEmpty()) {
                s.add(n);
            }
        }
        return Set.copyOf(s);
    }

    static List<String> names() {
        return CLASSES.keySet().stream().sorted().toList();
    }
}
