package org.jstap.sim.kernel.signal;

/**
 * kernel_siginfo: what a queued signal carries. {@code code} is si_code (SI_USER, CLD_EXITED,
 * SEGV_MAPERR...); {@code pid}/{@code uid} name the sender; {@code status} is a child's exit
 * status for SIGCHLD; {@code addr} the faulting address for SIGSEGV.
 */
public record Siginfo(int signo, int errno, int code, int pid, int uid, int status, long addr) {
    public static final int SI_USER = 0;
    public static final int SI_KERNEL = 0x80;
    public static final int SI_TKILL = -6;
    public static final int CLD_EXITED = 1;
    public static final int CLD_KILLED = 2;
    public static final int CLD_DUMPED = 3;
    public static final int CLD_STOPPED = 5;
    public static final int CLD_CONTINUED = 6;

    public static Siginfo kernel(int signo) {
        return new Siginfo(signo, 0, SI_KERNEL, 0, 0, 0, 0);
    }
}
