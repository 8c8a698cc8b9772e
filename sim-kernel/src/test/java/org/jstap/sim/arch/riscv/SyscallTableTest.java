package org.jstap.sim.arch.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** The time, identity and limits entries of sys_call_table: numbers, names, and no oops on any arguments. */
class SyscallTableTest {
    private static final int[] NEW = {SyscallTable.__NR_set_robust_list, SyscallTable.__NR_get_robust_list,
        SyscallTable.__NR_clock_gettime, SyscallTable.__NR_clock_getres, SyscallTable.__NR_clock_nanosleep,
        SyscallTable.__NR_times, SyscallTable.__NR_uname, SyscallTable.__NR_sethostname,
        SyscallTable.__NR_setdomainname, SyscallTable.__NR_getrlimit, SyscallTable.__NR_setrlimit,
        SyscallTable.__NR_gettimeofday, SyscallTable.__NR_sysinfo, SyscallTable.__NR_madvise,
        SyscallTable.__NR_prlimit64, SyscallTable.__NR_getrandom};

    @Test
    void name_newSyscalls_haveTheirAsmGenericNumbers() {
        Kernel k = Kernel.create(new KernelConfig(1, 16, 0, ""));
        SyscallTable t = k.traps().syscall_table();
        String[] names = {"set_robust_list", "get_robust_list", "clock_gettime", "clock_getres", "clock_nanosleep",
            "times", "uname", "sethostname", "setdomainname", "getrlimit", "setrlimit", "gettimeofday", "sysinfo",
            "madvise", "prlimit64", "getrandom"};
        int[] numbers = {99, 100, 113, 114, 115, 153, 160, 161, 162, 163, 164, 169, 179, 233, 261, 278};
        for (int i = 0; i < NEW.length; i++) {
            assertEquals(numbers[i], NEW[i], names[i]);
            assertEquals(names[i], t.name(NEW[i]));
        }
    }

    @Test
    void invoke_garbageArguments_returnsErrnoWithoutOops() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 1, ""), cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(4096);
            long[] values = {0, 1, -1, 16, 24, 64, 65, 4096, 0x5000_0000L, Long.MIN_VALUE, Long.MAX_VALUE,
                Integer.MIN_VALUE, 0xffff_ffd8_0000_0000L, buf, buf + 4000, buf + 1};
            Random pick = new Random(5);
            int calls = 0;
            for (int round = 0; round < 40; round++) {
                for (int nr : NEW) {
                    // zeroed memory: any timespec in it asks for no sleep at all
                    cpu.write(buf, new byte[4096], 0, 4096);
                    long[] a = new long[6];
                    for (int i = 0; i < 6; i++) {
                        a[i] = values[pick.nextInt(values.length)];
                    }
                    long r = cpu.ecall(nr, a);
                    calls += r >= -4095 ? 1 : 0;
                }
            }
            c.write(1, "calls " + calls + "\n");
            return 0;
        });
        String out = UserPrograms.console(k);
        assertTrue(out.contains("calls " + 40 * NEW.length + "\n"), out);
        assertFalse(String.join("\n", k.printk().dmesg()).contains("Oops"), String.join("\n", k.printk().dmesg()));
    }
}
