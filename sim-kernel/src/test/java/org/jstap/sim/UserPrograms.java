package org.jstap.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.fs.BinfmtJava;

/** Test machines whose init is a program written in the test, and ways to watch its console. */
public final class UserPrograms {
    public static final long SECOND = 1_000_000_000L;

    private UserPrograms() {}

    /** Boots a 2-CPU, 64 MiB machine with {@code program} as init and runs it until the console shows {@code until}. */
    public static Kernel run(UserCode program, String until) {
        return run(new KernelConfig(2, 64, 0, ""), program, until);
    }

    /** The same, running at most {@code seconds} of virtual time. */
    public static Kernel run(UserCode program, String until, long seconds) {
        return run(new KernelConfig(2, 64, 0, ""), program, until, seconds);
    }

    /** The same on a machine built from {@code config} (its command line gets {@code init=}). */
    public static Kernel run(KernelConfig config, UserCode program, String until) {
        return run(config, program, until, 60);
    }

    /** The same, running at most {@code seconds} of virtual time (TCP's timeouts take minutes). */
    public static Kernel run(KernelConfig config, UserCode program, String until, long seconds) {
        Kernel k = Kernel.create(new KernelConfig(config.cpus(), config.memoryMiB(), config.seed(),
                (config.cmdline() + " init=/bin/t").strip(), config.disk(), config.shares()));
        k.binfmt_java().register_program("t", program);
        k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        k.start_kernel();
        runUntil(k, until, seconds);
        return k;
    }

    /** Runs the machine (at most a virtual minute) until the console shows {@code text}. */
    public static void runUntil(Kernel k, String text) {
        runUntil(k, text, 60);
    }

    /** Runs the machine at most {@code seconds} of virtual time until the console shows {@code text}. */
    public static void runUntil(Kernel k, String text, long seconds) {
        boolean done = k.run_until(() -> console(k).contains(text), k.timekeeping().ktime_get_ns() + seconds * SECOND);
        assertTrue(done, "console: " + console(k) + "\n" + String.join("\n", k.printk().dmesg()));
    }

    public static String console(Kernel k) {
        return new String(k.console().output(), StandardCharsets.ISO_8859_1);
    }
}
