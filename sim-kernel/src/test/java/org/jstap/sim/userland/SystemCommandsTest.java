package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The programs that read the system (clock, uts name, kernel log, /proc). Where the kernel does
 * not offer the call yet (ENOSYS) or has no procfs mounted, the case is skipped, not bent.
 */
class SystemCommandsTest {
    private static String run(String cmd) {
        Machine.Result r = Machine.sh(cmd);
        String out = r.output();
        Assumptions.assumeFalse(out.contains("Function not implemented"), "kernel gap: " + out);
        Assumptions.assumeFalse(out.contains("mount -t proc proc /proc") || out.contains("/proc/mounts:"),
                "kernel gap: no procfs: " + out);
        return out + "[" + r.status() + "]";
    }

    @Test
    void date_defaultLayoutInUtc() {
        String out = run("date; date +%Y-%m-%dT%H:%M:%S%z");
        assertTrue(out.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d UTC 20\\d\\d\n"
                + "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000\n\\[0]"), out);
    }

    @Test
    void uname_andHostname() {
        String out = run("uname; uname -s -m; uname -a; hostname; hostname box; hostname");
        String[] l = out.split("\n");
        assertEquals("Linux", l[0]);
        assertEquals("Linux riscv64", l[1]);
        assertTrue(l[2].startsWith("Linux ") && l[2].endsWith(" riscv64 GNU/Linux"), l[2]);
        assertEquals("box", l[4]);
    }

    @Test
    void dmesg_showsTheBootLog() {
        String out = run("dmesg | head -1");
        assertTrue(out.contains("Linux version"), out);
    }

    @Test
    void ps_listsProcessesLikeProcps() {
        String out = run("ps; ps -e | head -2");
        assertTrue(out.startsWith("  PID TTY          TIME CMD\n"), out);
        assertTrue(out.matches("(?s).*\\n +\\d+ \\S+ +00:00:\\d\\d ps\\n.*"), out);
        assertTrue(out.contains("\n    1 "), out);
    }

    @Test
    void mount_listsTheMounts() {
        String out = run("mount");
        assertTrue(out.matches("(?s).* on / type \\S+ \\(.*"), out);
    }

    @Test
    void time_reportsRealUserSys() {
        String out = run("time sleep 0.25 2>&1");
        assertTrue(out.matches("\nreal\t0m0\\.2[5-9]\\ds\nuser\t0m0\\.\\d{3}s\nsys\t0m0\\.\\d{3}s\n\\[0]"), out);
    }

    @Test
    void touch_setsTheTimesOfAnExistingFile() {
        String out = run("echo x > /tmp/a; sleep 2; touch /tmp/a; stat /tmp/a | grep Modify; touch -c /tmp/none; ls /tmp");
        assertTrue(out.matches("Modify: 2026-01-01 00:00:0[2-3]\\.\\d{9} \\+0000\na\n\\[0]"), out);
    }

    @Test
    void id_namesRoot() {
        assertEquals("uid=0(root) gid=0(root) groups=0(root)\n[0]", run("id"));
    }
}
