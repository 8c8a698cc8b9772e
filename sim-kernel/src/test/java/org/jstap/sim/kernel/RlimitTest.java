package org.jstap.sim.kernel;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** getrlimit(2), setrlimit(2) and prlimit64(2), as LTP's getrlimit01-03, setrlimit01-06 and prlimit01 check them. */
class RlimitTest {
    private static final long INF = Rlimit.RLIM_INFINITY;

    /** {rlim_cur, rlim_max} of {@code resource}, or {errno, errno}. */
    private static long[] get(Libc c, int resource) {
        long buf = c.push(16);
        long r = c.getrlimit(resource, buf);
        long[] out = r < 0 ? new long[] {r, r} : new long[] {c.cpu().ld(buf), c.cpu().ld(buf + 8)};
        c.pop(buf, 16);
        return out;
    }

    private static void limits(Libc c, String name, int resource, long cur, long max) {
        long[] l = get(c, resource);
        Ltp.eq(c, name + " soft", l[0], cur);
        Ltp.eq(c, name + " hard", l[1], max);
    }

    @Test
    void getrlimit_defaults_areLinuxInitRlimits() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            limits(c, "RLIMIT_CPU", Rlimit.RLIMIT_CPU, INF, INF);
            limits(c, "RLIMIT_STACK", Rlimit.RLIMIT_STACK, 8 << 20, INF);
            limits(c, "RLIMIT_CORE", Rlimit.RLIMIT_CORE, 0, INF);
            limits(c, "RLIMIT_NOFILE", Rlimit.RLIMIT_NOFILE, 1024, 4096);
            limits(c, "RLIMIT_MEMLOCK", Rlimit.RLIMIT_MEMLOCK, 8 << 20, 8 << 20);
            limits(c, "RLIMIT_MSGQUEUE", Rlimit.RLIMIT_MSGQUEUE, 819200, 819200);
            limits(c, "RLIMIT_RTTIME", Rlimit.RLIMIT_RTTIME, INF, INF);
            long[] nproc = get(c, Rlimit.RLIMIT_NPROC);
            c.write(1, "nproc " + nproc[0] + " " + nproc[1] + "\n");
            long[] sigpending = get(c, Rlimit.RLIMIT_SIGPENDING);
            c.write(1, "sigpending " + sigpending[0] + " " + sigpending[1] + "\n");
            return 0;
        });
        String out = UserPrograms.console(k);
        Ltp.assertAllPass(out, 14);
        // fork_init: max_threads keeps thread stacks (16 KiB) to an eighth of RAM; half of it per user
        long maxThreads = k.page_alloc().totalram_pages() * 4096 / (16384 * 8);
        assertEquals(true, out.contains("nproc " + maxThreads / 2 + " " + maxThreads / 2 + "\n"), out);
        assertEquals(true, out.contains("sigpending " + maxThreads / 2 + " " + maxThreads / 2 + "\n"), out);
    }

    @Test
    void getrlimit_badResourceOrPointer_isEinvalOrEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(16);
            Ltp.fail(c, "getrlimit(RLIM_NLIMITS)", c.getrlimit(Rlimit.RLIM_NLIMITS, buf), Errno.EINVAL);
            Ltp.fail(c, "getrlimit(-1)", c.getrlimit(-1, buf), Errno.EINVAL);
            Ltp.fail(c, "getrlimit(NOFILE, 0x1)", c.getrlimit(Rlimit.RLIMIT_NOFILE, 1), Errno.EFAULT);
            Ltp.fail(c, "getrlimit(NOFILE, unmapped)", c.getrlimit(Rlimit.RLIMIT_NOFILE, 0x5000_0000L), Errno.EFAULT);
            // the resource is checked before the pointer
            Ltp.fail(c, "getrlimit(RLIM_NLIMITS, 0x1)", c.getrlimit(Rlimit.RLIM_NLIMITS, 1), Errno.EINVAL);
            Ltp.fail(c, "setrlimit(NOFILE, 0x1)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 1), Errno.EFAULT);
            Ltp.fail(c, "setrlimit(RLIM_NLIMITS)", c.setrlimit(Rlimit.RLIM_NLIMITS, 1, 1), Errno.EINVAL);
            return 0;
        });
        Ltp.assertAllPass(out, 7);
    }

    @Test
    void setrlimit_newLimits_areReadBackAndSeenByTheKernel() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            Ltp.pass(c, "setrlimit(NOFILE, 100, 200)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 100, 200));
            limits(c, "RLIMIT_NOFILE", Rlimit.RLIMIT_NOFILE, 100, 200);
            // root may raise the hard limit again, up to nr_open
            Ltp.pass(c, "setrlimit(NOFILE, 1024, 1048576)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 1024, 1 << 20));
            Ltp.fail(c, "setrlimit(NOFILE, 1024, nr_open + 1)",
                    c.setrlimit(Rlimit.RLIMIT_NOFILE, 1024, (1 << 20) + 1), Errno.EPERM);
            Ltp.pass(c, "setrlimit(CORE, inf, inf)", c.setrlimit(Rlimit.RLIMIT_CORE, INF, INF));
            limits(c, "RLIMIT_CORE", Rlimit.RLIMIT_CORE, INF, INF);
            Ltp.pass(c, "setrlimit(NOFILE, 77, 4096)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 77, 4096));
            return 0;
        });
        Ltp.assertAllPass(UserPrograms.console(k), 9);
        assertEquals(77, Rlimit.task_rlimit(k.pid().find_task_by_vpid(1), Rlimit.RLIMIT_NOFILE));
        assertEquals(4096, Rlimit.task_rlimit_max(k.pid().find_task_by_vpid(1), Rlimit.RLIMIT_NOFILE));
    }

    @Test
    void setrlimit_softAboveHard_isEinval() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "setrlimit(NOFILE, 300, 200)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 300, 200), Errno.EINVAL);
            Ltp.fail(c, "setrlimit(STACK, inf, 8 MiB)", c.setrlimit(Rlimit.RLIMIT_STACK, INF, 8 << 20), Errno.EINVAL);
            limits(c, "RLIMIT_NOFILE unchanged", Rlimit.RLIMIT_NOFILE, 1024, 4096);
            return 0;
        });
        Ltp.assertAllPass(out, 4);
    }

    @Test
    void setrlimit_raiseHardAfterSetuid_isEperm() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.pass(c, "setuid(1000)", c.setuid(1000));
            Ltp.fail(c, "setrlimit(NOFILE, 1024, 8192)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 1024, 8192), Errno.EPERM);
            Ltp.pass(c, "lowering: setrlimit(NOFILE, 512, 2048)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 512, 2048));
            Ltp.pass(c, "soft up to hard: setrlimit(NOFILE, 2048, 2048)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 2048, 2048));
            Ltp.fail(c, "back up: setrlimit(NOFILE, 2048, 4096)", c.setrlimit(Rlimit.RLIMIT_NOFILE, 2048, 4096),
                    Errno.EPERM);
            limits(c, "RLIMIT_NOFILE", Rlimit.RLIMIT_NOFILE, 2048, 2048);
            return 0;
        });
        Ltp.assertAllPass(out, 7);
    }

    @Test
    void setrlimit_limits_areInheritedOnFork() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.setrlimit(Rlimit.RLIMIT_NOFILE, 100, 200);
            c.fork(child -> {
                Libc cc = new Libc(child);
                limits(cc, "child RLIMIT_NOFILE", Rlimit.RLIMIT_NOFILE, 100, 200);
                // the child's own change stays its own
                cc.setrlimit(Rlimit.RLIMIT_NOFILE, 10, 20);
                return 0;
            });
            c.wait4(-1, null, 0);
            limits(c, "parent RLIMIT_NOFILE", Rlimit.RLIMIT_NOFILE, 100, 200);
            return 0;
        });
        Ltp.assertAllPass(out, 4);
    }

    @Test
    void prlimit64_getsAndSetsAnotherProcessesLimits() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long child = c.fork(ch -> {
                new Libc(ch).nanosleep(3600 * SECOND);
                return 0;
            });
            long nu = c.push(16);
            long old = c.push(16);
            cpu.sd(nu, 33);
            cpu.sd(nu + 8, 44);
            Ltp.pass(c, "prlimit64(child, NOFILE, {33, 44}, &old)", c.prlimit64(child, Rlimit.RLIMIT_NOFILE, nu, old));
            Ltp.eq(c, "old soft", cpu.ld(old), 1024);
            Ltp.eq(c, "old hard", cpu.ld(old + 8), 4096);
            Ltp.pass(c, "prlimit64(child, NOFILE, NULL, &old)", c.prlimit64(child, Rlimit.RLIMIT_NOFILE, 0, old));
            Ltp.eq(c, "child soft", cpu.ld(old), 33);
            Ltp.eq(c, "child hard", cpu.ld(old + 8), 44);
            Ltp.pass(c, "prlimit64(0, NOFILE, NULL, &old)", c.prlimit64(0, Rlimit.RLIMIT_NOFILE, 0, old));
            Ltp.eq(c, "own soft", cpu.ld(old), 1024);
            Ltp.pass(c, "prlimit64(getpid(), NOFILE, NULL, NULL)", c.prlimit64(c.getpid(), Rlimit.RLIMIT_NOFILE, 0, 0));
            c.kill(child, 9);
            c.wait4(child, null, 0);
            return 0;
        });
        Ltp.assertAllPass(out, 9);
    }

    @Test
    void prlimit64_errors_areEsrchEinvalEfaultEperm() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(16);
            Ltp.fail(c, "prlimit64(99999)", c.prlimit64(99999, Rlimit.RLIMIT_NOFILE, 0, buf), Errno.ESRCH);
            Ltp.fail(c, "prlimit64(0, RLIM_NLIMITS)", c.prlimit64(0, Rlimit.RLIM_NLIMITS, 0, buf), Errno.EINVAL);
            Ltp.fail(c, "prlimit64(0, NOFILE, 0x1, NULL)", c.prlimit64(0, Rlimit.RLIMIT_NOFILE, 1, 0), Errno.EFAULT);
            cpu.sd(buf, 5);
            cpu.sd(buf + 8, 6);
            // the new limit is set before the old one fails to copy out
            Ltp.fail(c, "prlimit64(0, NOFILE, {5, 6}, 0x1)", c.prlimit64(0, Rlimit.RLIMIT_NOFILE, buf, 1), Errno.EFAULT);
            limits(c, "RLIMIT_NOFILE", Rlimit.RLIMIT_NOFILE, 5, 6);
            long rootChild = c.fork(ch -> {
                new Libc(ch).nanosleep(3600 * SECOND);
                return 0;
            });
            Ltp.pass(c, "setuid(1000)", c.setuid(1000));
            Ltp.fail(c, "prlimit64(root's child) as uid 1000", c.prlimit64(rootChild, Rlimit.RLIMIT_NOFILE, 0, buf),
                    Errno.EPERM);
            long ownChild = c.fork(ch -> {
                new Libc(ch).nanosleep(3600 * SECOND);
                return 0;
            });
            Ltp.pass(c, "prlimit64(uid 1000's child) as uid 1000", c.prlimit64(ownChild, Rlimit.RLIMIT_NOFILE, 0, buf));
            c.kill(ownChild, 9);
            c.wait4(ownChild, null, 0);
            return 0;
        });
        Ltp.assertAllPass(out, 9);
    }
}
