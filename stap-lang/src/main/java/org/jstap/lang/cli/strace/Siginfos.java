package org.jstap.lang.cli.strace;

import org.jstap.sim.kernel.signal.Signals;

/**
 * strace's rendering of a siginfo in a {@code --- SIGNAL {...} ---} line: {@code si_signo} and
 * {@code si_code} by name, then the fields that code carries (the sender for SI_USER/SI_TKILL,
 * the child's pid, status and times for SIGCHLD, the address for faults).
 */
final class Siginfos {
    private Siginfos() {}

    /** clock_t ticks per second of si_utime/si_stime (USER_HZ). */
    private static final long USER_HZ = 100;

    static String format(int sig, int code, String pid, String uid, long status, long utimeNs, long stimeNs,
            long addr) {
        StringBuilder b = new StringBuilder("{si_signo=").append(Signals.name(sig)).append(", si_code=");
        String codeName = codeName(sig, code);
        b.append(codeName);
        if (code <= 0) {
            // sent by a process: kill, tgkill, sigqueue
            b.append(", si_pid=").append(pid).append(", si_uid=").append(uid);
        } else if (sig == Signals.SIGCHLD && code >= 1 && code <= 6) {
            b.append(", si_pid=").append(pid).append(", si_uid=").append(uid).append(", si_status=");
            b.append(code == 1 ? Long.toString(status) : Signals.name((int) status));
            b.append(", si_utime=").append(utimeNs * USER_HZ / 1_000_000_000L);
            b.append(", si_stime=").append(stimeNs * USER_HZ / 1_000_000_000L);
        } else if (isFault(sig)) {
            b.append(", si_addr=").append(addr == 0 ? "NULL" : "0x" + Long.toHexString(addr));
        }
        return b.append('}').toString();
    }

    private static boolean isFault(int sig) {
        return sig == Signals.SIGSEGV || sig == Signals.SIGBUS || sig == Signals.SIGILL || sig == Signals.SIGFPE
                || sig == Signals.SIGTRAP;
    }

    private static String codeName(int sig, int code) {
        switch (code) {
            case 0: return "SI_USER";
            case 0x80: return "SI_KERNEL";
            case -1: return "SI_QUEUE";
            case -2: return "SI_TIMER";
            case -3: return "SI_MESGQ";
            case -4: return "SI_ASYNCIO";
            case -5: return "SI_SIGIO";
            case -6: return "SI_TKILL";
            default: break;
        }
        String[] names = sig == Signals.SIGCHLD
                ? new String[] {"CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"}
                : sig == Signals.SIGSEGV ? new String[] {"SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR"}
                : sig == Signals.SIGBUS ? new String[] {"BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR"}
                : sig == Signals.SIGILL ? new String[] {"ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
                        "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"}
                : sig == Signals.SIGFPE ? new String[] {"FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
                        "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"}
                : new String[0];
        return code >= 1 && code <= names.length ? names[code - 1] : Integer.toString(code);
    }
}
