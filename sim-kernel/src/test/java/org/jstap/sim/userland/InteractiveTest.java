package org.jstap.sim.userland;

import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.UserPrograms;
import org.junit.jupiter.api.Test;

/** sh reading from the console's terminal, and /sbin/init running the command it is given. */
class InteractiveTest {
    private static void type(Kernel k, String text) {
        k.hardware().uart().input(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void interactiveShell_promptsOnTheTerminal() {
        Kernel k = UserPrograms.run(cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "[start]\n");
            c.execve("/bin/sh", List.of("sh"), List.of("PATH=/bin", "HOME=/tmp"));
            return 127;
        }, "# ");
        type(k, "echo hello; cd\n");
        runUntil(k, "hello\n# ");
        type(k, "pwd\n");
        runUntil(k, "/tmp\n# ");
        type(k, "echo 'two\n");
        runUntil(k, "> ");
        type(k, "lines'\n");
        runUntil(k, "lines\n# ");
        type(k, "nosuch\n");
        runUntil(k, "not found\n# ");
        String out = console(k);
        out = out.substring(out.indexOf("[start]\n") + 8);
        // the terminal echoes what is typed; the prompts go to stderr, the same terminal
        assertEquals("# echo hello; cd\nhello\n# pwd\n/tmp\n# echo 'two\n> lines'\ntwo\nlines\n# nosuch\n"
                + "sh: 5: nosuch: not found\n# ", out);
        k.kernel_power_off();
    }

    @Test
    void init_runsTheCommandItIsGiven() {
        Kernel k = Kernel.create(new KernelConfig(2, 64, 0, "init=/sbin/init /bin/echo from init"));
        k.start_kernel();
        runUntil(k, "from init\n");
        assertTrue(console(k).endsWith("from init\n"), console(k));
        k.kernel_power_off();
    }
}
