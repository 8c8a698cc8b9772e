package org.jstap.sim.userland;

import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.UserPrograms;

/** A booted machine that runs shell command lines and hands back what they printed on the console. */
final class Machine {
    private static final String END = "\n[exit ";

    final Kernel kernel;
    private int runs;

    private Machine(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Boots a machine whose init runs {@code /bin/sh -c cmd} and prints "[exit N]" when it ends. */
    static Result sh(String cmd) {
        return runOnce("/bin/sh", List.of("sh", "-c", cmd));
    }

    /** The same on a machine whose virtio disk (/dev/vda) is the image file {@code disk}. */
    static Result sh(java.nio.file.Path disk, String cmd) {
        return runOnce(new KernelConfig(2, 64, 0, "", disk), "/bin/sh", List.of("sh", "-c", cmd));
    }

    /** Runs the program at {@code path} with {@code argv} in a fresh machine. */
    static Result runOnce(String path, List<String> argv) {
        return runOnce(new KernelConfig(2, 64, 0, ""), path, argv);
    }

    private static Result runOnce(KernelConfig config, String path, List<String> argv) {
        Kernel k = UserPrograms.run(config, cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "[start]\n");
            c.fork(child -> {
                Libc cl = new Libc(child);
                cl.execve(path, argv, List.of("PATH=/bin:/sbin", "HOME=/"));
                return 127;
            });
            int[] status = new int[1];
            c.wait4(-1, status, 0);
            c.write(1, END + status[0] + "]\n");
            c.nanosleep(3600 * UserPrograms.SECOND);
            return 0;
        }, "[start]");
        UserPrograms.runUntil(k, END);
        String console = UserPrograms.console(k);
        int start = console.indexOf("[start]\n") + "[start]\n".length();
        int end = console.indexOf(END, start);
        int statusEnd = console.indexOf(']', end + END.length());
        int ws = Integer.parseInt(console.substring(end + END.length(), statusEnd));
        k.kernel_power_off();
        return new Result(console.substring(start, end), (ws & 0x7f) == 0 ? (ws >> 8) & 0xff : 128 + (ws & 0x7f));
    }

    /** The console text between start and the exit line, and the exit status. */
    record Result(String output, int status) {}
}
