package org.jstap.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** uname(2), sethostname(2) and setdomainname(2), as LTP's uname01-04 and sethostname01-03 check them. */
class UnameTest {
    private static final int FIELD = Utsname.__NEW_UTS_LEN + 1;
    private static final long UNMAPPED = 0x5000_0000L;

    private static String field(Libc c, long buf, int i) {
        return c.cstring(buf + (long) i * FIELD);
    }

    @Test
    void uname_fillsTheSixFields() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(Utsname.SIZEOF);
            Ltp.pass(c, "uname(&buf)", c.uname(buf));
            Ltp.eq(c, "sysname", field(c, buf, 0), "Linux");
            Ltp.eq(c, "nodename", field(c, buf, 1), "jstap");
            Ltp.eq(c, "release", field(c, buf, 2), Kernel.RELEASE);
            Ltp.eq(c, "version", field(c, buf, 3), "#1 SMP PREEMPT_DYNAMIC Thu Jan  1 00:00:00 UTC 2026");
            Ltp.eq(c, "machine", field(c, buf, 4), "riscv64");
            Ltp.eq(c, "domainname", field(c, buf, 5), "(none)");
            return 0;
        });
        Ltp.assertAllPass(out, 7);
    }

    @Test
    void uname_badPointer_isEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "uname(0x1)", c.uname(1), Errno.EFAULT);
            Ltp.fail(c, "uname(unmapped)", c.uname(UNMAPPED), Errno.EFAULT);
            Ltp.fail(c, "uname(kernel address)", c.uname(0xffff_ffd8_0000_0000L), Errno.EFAULT);
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }

    @Test
    void sethostname_asRoot_changesNodenameForUnameAndTheKernel() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            Ltp.pass(c, "sethostname(\"ltp-host\", 8)", c.sethostname("ltp-host"));
            long buf = c.push(Utsname.SIZEOF);
            c.uname(buf);
            Ltp.eq(c, "nodename", field(c, buf, 1), "ltp-host");
            // the longest name fills the field, with no NUL of its own
            Ltp.pass(c, "sethostname(64 bytes)", c.sethostname("h".repeat(64)));
            c.uname(buf);
            Ltp.eq(c, "nodename", field(c, buf, 1), "h".repeat(64));
            Ltp.eq(c, "domainname after a 64-byte hostname", field(c, buf, 5), "(none)");
            Ltp.pass(c, "sethostname(\"\", 0)", c.sethostname(""));
            c.uname(buf);
            Ltp.eq(c, "nodename", field(c, buf, 1), "");
            c.sethostname("box");
            return 0;
        });
        Ltp.assertAllPass(org.jstap.sim.UserPrograms.console(k), 7);
        assertEquals("box", k.utsname().nodename());
    }

    @Test
    void sethostname_badLength_isEinval() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long name = c.push_bytes("x".repeat(65).getBytes());
            Ltp.fail(c, "sethostname(name, -1)", c.sethostname(name, -1), Errno.EINVAL);
            Ltp.fail(c, "sethostname(name, 65)", c.sethostname(name, 65), Errno.EINVAL);
            Ltp.fail(c, "setdomainname(name, 65)", c.setdomainname(name, 65), Errno.EINVAL);
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }

    @Test
    void sethostname_badPointer_isEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "sethostname(0x1, 8)", c.sethostname(1, 8), Errno.EFAULT);
            Ltp.fail(c, "sethostname(unmapped, 8)", c.sethostname(UNMAPPED, 8), Errno.EFAULT);
            long buf = c.push(Utsname.SIZEOF);
            c.uname(buf);
            Ltp.eq(c, "nodename unchanged", field(c, buf, 1), "jstap");
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }

    @Test
    void hostnameParameter_namesTheMachineAtBoot_forUnameAndProc() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, "hostname=host7"), cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(Utsname.SIZEOF);
            c.uname(buf);
            Ltp.eq(c, "nodename", field(c, buf, 1), "host7");
            Ltp.eq(c, "/proc/sys/kernel/hostname", org.jstap.sim.fs.ext2.Ext2Test.readAll(cpu,
                    "/proc/sys/kernel/hostname"), "host7\n");
            long fd = cpu.ecall(org.jstap.sim.arch.riscv.SyscallTable.__NR_openat, org.jstap.sim.fs.Fcntl.AT_FDCWD,
                    org.jstap.sim.fs.ext2.Ext2Test.str(c, "/proc/sys/kernel/hostname"), org.jstap.sim.fs.Fcntl.O_WRONLY, 0);
            long text = c.push_bytes("box\n".getBytes());
            Ltp.eq(c, "write /proc/sys/kernel/hostname",
                    "" + cpu.ecall(org.jstap.sim.arch.riscv.SyscallTable.__NR_write, fd, text, 4), "4");
            c.uname(buf);
            Ltp.eq(c, "nodename after the write", field(c, buf, 1), "box");
            return 0;
        });
        Ltp.assertAllPass(org.jstap.sim.UserPrograms.console(k), 4);
        assertEquals("box", k.utsname().nodename());
        assertFalse(String.join("\n", k.printk().dmesg()).contains("Unknown kernel command line parameters"),
                "hostname= is the kernel's, not init's");
    }

    @Test
    void sethostname_afterSetuid_isEperm() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            Ltp.pass(c, "setuid(1000)", c.setuid(1000));
            Ltp.fail(c, "sethostname(\"evil\")", c.sethostname("evil"), Errno.EPERM);
            long name = c.push_bytes("evil".getBytes());
            Ltp.fail(c, "setdomainname(\"evil\")", c.setdomainname(name, 4), Errno.EPERM);
            // the privilege check comes first, even before a bad length
            Ltp.fail(c, "sethostname(name, 65)", c.sethostname(name, 65), Errno.EPERM);
            return 0;
        });
        Ltp.assertAllPass(org.jstap.sim.UserPrograms.console(k), 4);
        assertEquals("jstap", k.utsname().nodename());
        assertEquals("(none)", k.utsname().domainname());
    }

    @Test
    void setdomainname_asRoot_changesDomainname() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            long name = c.push_bytes("example.org".getBytes());
            Ltp.pass(c, "setdomainname(\"example.org\", 11)", c.setdomainname(name, 11));
            long buf = c.push(Utsname.SIZEOF);
            c.uname(buf);
            Ltp.eq(c, "domainname", field(c, buf, 5), "example.org");
            Ltp.eq(c, "nodename", field(c, buf, 1), "jstap");
            return 0;
        });
        Ltp.assertAllPass(org.jstap.sim.UserPrograms.console(k), 3);
        assertEquals("example.org", k.utsname().domainname());
    }
}
