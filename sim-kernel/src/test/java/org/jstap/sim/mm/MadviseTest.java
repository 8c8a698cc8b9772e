package org.jstap.sim.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** madvise(2), as LTP's madvise01-02 and madvise06 check it. */
class MadviseTest {
    private static final int PAGE = 4096;
    private static final int RW = Mmap.PROT_READ | Mmap.PROT_WRITE;

    private static long anon(Libc c, int pages, int type) {
        return c.mmap(0, (long) pages * PAGE, RW, type | Mmap.MAP_ANONYMOUS);
    }

    @Test
    void madvise_dontneed_privateAnonymousPagesReadBackAsZero() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long mem = anon(c, 4, Mmap.MAP_PRIVATE);
            for (int i = 0; i < 4; i++) {
                cpu.sb(mem + (long) i * PAGE, 'a' + i);
            }
            Ltp.pass(c, "madvise(mem + 1 page, 2 pages, MADV_DONTNEED)",
                    c.madvise(mem + PAGE, 2 * PAGE, Madvise.MADV_DONTNEED));
            Ltp.eq(c, "page 0 kept", cpu.lbu(mem), 'a');
            Ltp.eq(c, "page 1 zero", cpu.lbu(mem + PAGE), 0);
            Ltp.eq(c, "page 2 zero", cpu.lbu(mem + 2L * PAGE), 0);
            Ltp.eq(c, "page 3 kept", cpu.lbu(mem + 3L * PAGE), 'd');
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }

    @Test
    void madvise_dontneed_freesThePages() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long mem = anon(c, 64, Mmap.MAP_PRIVATE);
            for (int i = 0; i < 64; i++) {
                cpu.sb(mem + (long) i * PAGE, 1);
            }
            long info = c.push(112);
            c.sysinfo(info);
            long before = cpu.ld(info + 40);
            c.madvise(mem, 64L * PAGE, Madvise.MADV_DONTNEED);
            c.sysinfo(info);
            long after = cpu.ld(info + 40);
            Ltp.eq(c, "freeram gained 64 pages", after - before, 64L * PAGE);
            return 0;
        });
        Ltp.assertAllPass(out, 1);
    }

    @Test
    void madvise_dontneed_sharedMemoryKeepsItsData() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long mem = anon(c, 2, Mmap.MAP_SHARED);
            cpu.sb(mem, 'S');
            Ltp.pass(c, "madvise(shared, MADV_DONTNEED)", c.madvise(mem, 2 * PAGE, Madvise.MADV_DONTNEED));
            Ltp.eq(c, "shared page reads back", cpu.lbu(mem), 'S');
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void madvise_dontneed_inForkedChildLeavesTheParentsCopy() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long mem = anon(c, 1, Mmap.MAP_PRIVATE);
            cpu.sb(mem, 'P');
            c.fork(child -> {
                new Libc(child).madvise(mem, PAGE, Madvise.MADV_DONTNEED);
                return child.lbu(mem);
            });
            int[] status = new int[1];
            c.wait4(-1, status, 0);
            Ltp.eq(c, "child read zero after DONTNEED", (status[0] >> 8) & 0xff, 0);
            Ltp.eq(c, "parent still reads its byte", cpu.lbu(mem), 'P');
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void madvise_accessHints_markExactlyTheRange() {
        Kernel k = Ltp.kernel(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            long mem = anon(c, 8, Mmap.MAP_PRIVATE);
            cpu.sb(mem + 2L * PAGE, 'x');
            Ltp.pass(c, "MADV_NORMAL", c.madvise(mem, 8L * PAGE, Madvise.MADV_NORMAL));
            Ltp.pass(c, "MADV_SEQUENTIAL on pages 2-3", c.madvise(mem + 2L * PAGE, 2 * PAGE, Madvise.MADV_SEQUENTIAL));
            Ltp.pass(c, "MADV_RANDOM on page 6", c.madvise(mem + 6L * PAGE, PAGE, Madvise.MADV_RANDOM));
            Ltp.pass(c, "MADV_WILLNEED", c.madvise(mem, 8L * PAGE, Madvise.MADV_WILLNEED));
            Ltp.pass(c, "length 0", c.madvise(mem, 0, Madvise.MADV_DONTNEED));
            Ltp.eq(c, "hints keep the data", cpu.lbu(mem + 2L * PAGE), 'x');
            c.write(1, "mem " + mem + "\n");
            return 0;
        });
        String out = UserPrograms.console(k);
        Ltp.assertAllPass(out, 6);
        long mem = Long.parseLong(out.lines().filter(l -> l.startsWith("mem ")).findFirst().orElseThrow().substring(4));
        List<String> layout = new ArrayList<>();
        for (VmAreaStruct vma : k.pid().find_task_by_vpid(1).mm.vmas()) {
            if (vma.vm_start >= mem && vma.vm_end <= mem + 8L * PAGE) {
                String hint = (vma.vm_flags & Madvise.VM_SEQ_READ) != 0 ? "seq"
                        : (vma.vm_flags & Madvise.VM_RAND_READ) != 0 ? "rand" : "normal";
                layout.add((vma.vm_start - mem) / PAGE + "-" + (vma.vm_end - mem) / PAGE + " " + hint);
            }
        }
        assertEquals(List.of("0-2 normal", "2-4 seq", "4-6 normal", "6-7 rand", "7-8 normal"), layout);
    }

    @Test
    void madvise_badAdviceOrStart_isEinval() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long mem = anon(c, 2, Mmap.MAP_PRIVATE);
            Ltp.fail(c, "madvise(mem + 1, ...)", c.madvise(mem + 1, PAGE, Madvise.MADV_NORMAL), Errno.EINVAL);
            for (int advice : new int[] {5, 100, -1, 1234}) {
                Ltp.fail(c, "madvise(mem, advice " + advice + ")", c.madvise(mem, PAGE, advice), Errno.EINVAL);
            }
            Ltp.fail(c, "madvise(mem, -1 rounded to 0)", c.madvise(mem, -1, Madvise.MADV_NORMAL), Errno.EINVAL);
            Ltp.fail(c, "madvise(wrapping range)", c.madvise(mem, -2L * PAGE, Madvise.MADV_NORMAL), Errno.EINVAL);
            // the advice is checked before anything is looked up
            Ltp.fail(c, "madvise(unmapped, advice 100)", c.madvise(0x5000_0000L, PAGE, 100), Errno.EINVAL);
            return 0;
        });
        Ltp.assertAllPass(out, 8);
    }

    @Test
    void madvise_unmappedRange_isEnomemAfterAdvisingTheMappedPart() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "madvise(unmapped)", c.madvise(0x5000_0000L, PAGE, Madvise.MADV_NORMAL), Errno.ENOMEM);
            Ltp.fail(c, "madvise(kernel address)", c.madvise(0xffff_ffd8_0000_0000L, PAGE, Madvise.MADV_NORMAL),
                    Errno.ENOMEM);
            long mem = anon(c, 3, Mmap.MAP_PRIVATE);
            cpu.sb(mem, 'a');
            cpu.sb(mem + 2L * PAGE, 'c');
            c.munmap(mem + PAGE, PAGE);
            Ltp.fail(c, "madvise(3 pages with a hole, MADV_DONTNEED)",
                    c.madvise(mem, 3L * PAGE, Madvise.MADV_DONTNEED), Errno.ENOMEM);
            Ltp.eq(c, "page before the hole zapped", cpu.lbu(mem), 0);
            Ltp.eq(c, "page after the hole zapped", cpu.lbu(mem + 2L * PAGE), 0);
            Ltp.fail(c, "madvise(past the last mapping)", c.madvise(mem + 2L * PAGE, 1L << 40, Madvise.MADV_NORMAL),
                    Errno.ENOMEM);
            return 0;
        });
        Ltp.assertAllPass(out, 6);
    }
}
