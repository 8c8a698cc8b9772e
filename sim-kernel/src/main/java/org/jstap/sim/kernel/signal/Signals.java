package org.jstap.sim.kernel.signal;

/** include/uapi/asm-generic/signal.h: signal numbers, sigaction flags, and their names. */
public final class Signals {
    private Signals() {}

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    public static final int SIGRTMIN = 32;
    /** _NSIG: signals are 1 .. 64. */
    public static final int NSIG = 64;

    /** Handler values. */
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;

    /** sa_flags. */
    public static final long SA_NOCLDSTOP = 0x1;
    public static final long SA_NOCLDWAIT = 0x2;
    public static final long SA_SIGINFO = 0x4;
    public static final long SA_RESTORER = 0x04000000;
    public static final long SA_ONSTACK = 0x08000000;
    public static final long SA_RESTART = 0x10000000;
    public static final long SA_NODEFER = 0x40000000;
    public static final long SA_RESETHAND = 0x80000000L;

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
        "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
        "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    /** The signal's name as strace and kill -l print it ({@code SIGRT_2} for real-time ones). */
    public static String name(int sig) {
        if (sig > 0 && sig < NAMES.length) {
            return NAMES[sig];
        }
        return sig >= SIGRTMIN && sig <= NSIG ? "SIGRT_" + (sig - SIGRTMIN) : String.valueOf(sig);
    }

    public static long sigmask(int sig) {
        return 1L << (sig - 1);
    }

    public static boolean valid_signal(long sig) {
        return sig >= 0 && sig <= NSIG;
    }

    /** What SIG_DFL does (the sig_kernel_* classes of kernel/signal.c). */
    public enum Default { TERM, CORE, STOP, CONT, IGNORE }

    public static Default default_action(int sig) {
        return switch (sig) {
            case SIGCHLD, SIGURG, SIGWINCH -> Default.IGNORE;
            case SIGCONT -> Default.CONT;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> Default.STOP;
            case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS -> Default.CORE;
            default -> Default.TERM;
        };
    }

    /** SIGKILL and SIGSTOP can be neither caught, blocked nor ignored. */
    public static boolean sig_kernel_only(int sig) {
        return sig == SIGKILL || sig == SIGSTOP;
    }
}
