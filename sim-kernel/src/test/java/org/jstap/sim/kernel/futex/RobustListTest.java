package org.jstap.sim.kernel.futex;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** set_robust_list(2) and get_robust_list(2), as LTP's set_robust_list01 and get_robust_list01 check them. */
class RobustListTest {
    private static final int SIZE = FutexSyscalls.ROBUST_LIST_HEAD_SIZE;

    @Test
    void setRobustList_head_isReadBackAndKeptInTheTask() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            long head = c.push(SIZE);
            Ltp.pass(c, "set_robust_list(&head, 24)", c.set_robust_list(head, SIZE));
            long out = c.push(16);
            Ltp.pass(c, "get_robust_list(0, &h, &len)", c.get_robust_list(0, out, out + 8));
            Ltp.eq(c, "head", cpu.ld(out), head);
            Ltp.eq(c, "len", cpu.ld(out + 8), SIZE);
            Ltp.pass(c, "get_robust_list(getpid(), ...)", c.get_robust_list(c.getpid(), out, out + 8));
            Ltp.eq(c, "head by pid", cpu.ld(out), head);
            c.write(1, "head " + head + "\n");
            return 0;
        });
        String out = UserPrograms.console(k);
        Ltp.assertAllPass(out, 6);
        long head = Long.parseLong(out.lines().filter(l -> l.startsWith("head ")).findFirst().orElseThrow().substring(5));
        assertEquals(head, k.pid().find_task_by_vpid(1).robust_list);
    }

    @Test
    void setRobustList_wrongLength_isEinval() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long head = c.push(SIZE);
            for (long len : new long[] {0, 23, 25, -1}) {
                Ltp.fail(c, "set_robust_list(&head, " + len + ")", c.set_robust_list(head, len), Errno.EINVAL);
            }
            // the head is not checked: it is only used at exit
            Ltp.pass(c, "set_robust_list(0x1, 24)", c.set_robust_list(1, SIZE));
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }

    @Test
    void getRobustList_newProcess_hasNone() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.set_robust_list(c.push(SIZE), SIZE);
            c.fork(child -> {
                Libc cc = new Libc(child);
                long buf = cc.push(16);
                child.sd(buf, -1);
                cc.get_robust_list(0, buf, buf + 8);
                return child.ld(buf) == 0 ? 0 : 1;
            });
            int[] status = new int[1];
            c.wait4(-1, status, 0);
            Ltp.eq(c, "child's robust list is empty (exit status)", status[0] >> 8, 0);
            return 0;
        });
        Ltp.assertAllPass(out, 1);
    }

    @Test
    void getRobustList_errors_areEsrchEfaultEperm() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(16);
            Ltp.fail(c, "get_robust_list(99999)", c.get_robust_list(99999, buf, buf + 8), Errno.ESRCH);
            Ltp.fail(c, "get_robust_list(0, 0x1, &len)", c.get_robust_list(0, 1, buf + 8), Errno.EFAULT);
            Ltp.fail(c, "get_robust_list(0, &h, 0x1)", c.get_robust_list(0, buf, 1), Errno.EFAULT);
            long child = c.fork(ch -> {
                Libc cc = new Libc(ch);
                cc.set_robust_list(0x1234_5000L, SIZE);
                cc.nanosleep(3600 * SECOND);
                return 0;
            });
            c.nanosleep(SECOND / 10);
            Ltp.pass(c, "root reads its child's list", c.get_robust_list(child, buf, buf + 8));
            Ltp.eq(c, "child's head", cpu.ld(buf), 0x1234_5000L);
            Ltp.pass(c, "setuid(1000)", c.setuid(1000));
            Ltp.fail(c, "uid 1000 reads root's child's list", c.get_robust_list(child, buf, buf + 8), Errno.EPERM);
            return 0;
        });
        Ltp.assertAllPass(out, 7);
    }
}
