package org.jstap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.userland.Libc;

/**
 * Syscall tests in the manner of the Linux Test Project: the test program runs as init, makes
 * its calls through the trap entry, and reports each check on the console as LTP's TST_EXP_*
 * macros do ({@code TPASS: uname(buf) passed}, {@code TFAIL: ... expected EFAULT}). The JUnit
 * side boots the machine, waits for the program to finish and checks the report.
 *
 * <pre>{@code
 * String out = Ltp.run(cpu -> {
 *     Libc c = new Libc(cpu);
 *     Ltp.fail(c, "uname(0x1)", c.uname(1), Errno.EFAULT);
 * });
 * Ltp.assertAllPass(out, 1);
 * }</pre>
 */
public final class Ltp {
    private static final String DONE = "TDONE\n";
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(Errno.EPERM, "EPERM"),
            Map.entry(Errno.ESRCH, "ESRCH"), Map.entry(Errno.EINTR, "EINTR"), Map.entry(Errno.EAGAIN, "EAGAIN"),
            Map.entry(Errno.ENOMEM, "ENOMEM"), Map.entry(Errno.EFAULT, "EFAULT"), Map.entry(Errno.EINVAL, "EINVAL"),
            Map.entry(Errno.ENOSYS, "ENOSYS"), Map.entry(Errno.EOPNOTSUPP, "EOPNOTSUPP"));

    private Ltp() {}

    /** Runs {@code body} as init on a default test machine; returns the console once it is done. */
    public static String run(UserCode body) {
        return run(new KernelConfig(2, 64, 0, ""), body);
    }

    public static String run(KernelConfig config, UserCode body) {
        return UserPrograms.console(kernel(config, body));
    }

    /** The same, returning the machine (to look at kernel state afterwards). */
    public static Kernel kernel(KernelConfig config, UserCode body) {
        return UserPrograms.run(config, cpu -> {
            body.run(cpu);
            Libc c = new Libc(cpu);
            c.write(1, DONE);
            c.nanosleep(3600 * UserPrograms.SECOND);
            return 0;
        }, DONE);
    }

    public static String errno(long ret) {
        String name = NAMES.get((int) -ret);
        return name != null ? name : ret < 0 ? "errno " + -ret : "no error (" + ret + ")";
    }

    /** TST_EXP_FAIL: the call failed with {@code errno}. */
    public static void fail(Libc c, String call, long ret, int errno) {
        if (ret == -errno) {
            c.write(1, "TPASS: " + call + " : " + errno(ret) + "\n");
        } else {
            c.write(1, "TFAIL: " + call + " returned " + ret + " (" + errno(ret) + "), expected " + errno(-errno) + "\n");
        }
    }

    /** TST_EXP_PASS: the call returned 0. */
    public static void pass(Libc c, String call, long ret) {
        eq(c, call, ret, 0);
    }

    /** TST_EXP_EQ_LI: a value is what it should be. */
    public static void eq(Libc c, String what, long got, long want) {
        if (got == want) {
            c.write(1, "TPASS: " + what + " == " + want + "\n");
        } else {
            c.write(1, "TFAIL: " + what + " = " + got + (got < 0 ? " (" + errno(got) + ")" : "") + ", expected " + want
                    + "\n");
        }
    }

    public static void eq(Libc c, String what, String got, String want) {
        if (got.equals(want)) {
            c.write(1, "TPASS: " + what + " == '" + want + "'\n");
        } else {
            c.write(1, "TFAIL: " + what + " = '" + got + "', expected '" + want + "'\n");
        }
    }

    /** TST_EXP_EXPR: a condition holds. */
    public static void expr(Libc c, String what, boolean holds) {
        c.write(1, (holds ? "TPASS: " : "TFAIL: ") + what + "\n");
    }

    /** The report has {@code passes} TPASS lines and no TFAIL. */
    public static void assertAllPass(String console, int passes) {
        assertFalse(console.contains("TFAIL"), console);
        assertEquals(passes, console.lines().filter(l -> l.startsWith("TPASS")).count(), console);
    }
}
