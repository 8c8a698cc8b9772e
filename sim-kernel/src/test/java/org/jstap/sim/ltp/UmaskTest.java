package org.jstap.sim.ltp;

import static org.jstap.sim.fs.Fcntl.*;

import org.junit.jupiter.api.Test;

/** umask (LTP umask01-03). */
class UmaskTest {
    @Test
    void umask_appliesToNewFiles() {
        Ltp.run(t -> {
            t.TST_EXP_VAL(t.umask(077), 022, "init's umask is 022");
            t.TST_EXP_VAL(t.umask(077), 077, "umask returns the previous mask");
            t.open("/tmp/f", O_CREAT | O_WRONLY, 0666);
            t.TST_EXP_VAL(t.st_mode(t.stat("/tmp/f", 0)) & 07777, 0600, "file 0666 & ~077");
            t.mkdir("/tmp/d", 0777);
            t.TST_EXP_VAL(t.st_mode(t.stat("/tmp/d", 0)) & 07777, 0700, "dir 0777 & ~077");
            t.TST_EXP_VAL(t.umask(07777), 077, "set all bits");
            t.TST_EXP_VAL(t.umask(0), 0777, "only the permission bits are kept");
            t.open("/tmp/g", O_CREAT | O_WRONLY, 04777);
            t.TST_EXP_VAL(t.st_mode(t.stat("/tmp/g", 0)) & 07777, 04777, "umask 0 keeps every bit");
            t.umask(027);
            int status = t.fork_and_wait(c -> c.TST_EXP_VAL(c.umask(0), 027, "a child inherits the umask"));
            t.TST_EXP_VAL(status, 0, "child status");
            t.TST_EXP_VAL(t.umask(022), 027, "the child's change stays in the child");
            for (int m = 0; m <= 0777; m += 0111) {
                t.umask(m);
                String name = "/tmp/m" + m;
                t.open(name, O_CREAT | O_WRONLY, 0777);
                t.TST_EXP_VAL(t.st_mode(t.stat(name, 0)) & 0777, 0777 & ~m, "mode with umask " + Integer.toOctalString(m));
            }
        });
    }
}
