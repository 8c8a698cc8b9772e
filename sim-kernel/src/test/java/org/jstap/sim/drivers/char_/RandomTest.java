package org.jstap.sim.drivers.char_;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.Ltp;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** getrandom(2), as LTP's getrandom01-05 check it, and the kernel's get_random_bytes. */
class RandomTest {

    private static String hex(Libc c, long buf, int n) {
        byte[] b = new byte[n];
        c.cpu().read(buf, b, 0, n);
        return HexFormat.of().formatHex(b);
    }

    /** The bytes a program gets from getrandom on a machine booted with {@code seed}. */
    private static String userBytes(long seed) {
        String out = Ltp.run(new KernelConfig(2, 64, seed, ""), cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(200);
            for (int len : new int[] {16, 32, 200}) {
                c.getrandom(buf, len, 0);
                c.write(1, "bytes " + hex(c, buf, len) + "\n");
            }
            return 0;
        });
        return out;
    }

    @Test
    void getrandom_flags_returnTheBytesAsked() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(4096);
            int[] flags = {0, Random.GRND_NONBLOCK, Random.GRND_RANDOM, Random.GRND_INSECURE,
                Random.GRND_NONBLOCK | Random.GRND_RANDOM, Random.GRND_NONBLOCK | Random.GRND_INSECURE};
            for (int f : flags) {
                Ltp.eq(c, "getrandom(buf, 100, " + f + ")", c.getrandom(buf, 100, f), 100);
            }
            Ltp.eq(c, "getrandom(buf, 4096, 0)", c.getrandom(buf, 4096, 0), 4096);
            byte[] b = new byte[4096];
            cpu.read(buf, b, 0, b.length);
            int[] counts = new int[256];
            for (byte x : b) {
                counts[x & 0xff]++;
            }
            // 16 expected per value: a real generator stays far from 0 and from 100
            Ltp.expr(c, "4096 bytes spread over every value", Arrays.stream(counts).min().getAsInt() > 0
                    && Arrays.stream(counts).max().getAsInt() < 40);
            Ltp.eq(c, "getrandom(buf, 0, 0)", c.getrandom(buf, 0, 0), 0);
            return 0;
        });
        Ltp.assertAllPass(out, 9);
    }

    @Test
    void getrandom_successiveCalls_giveDifferentBytes() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long a = c.push(64);
            long b = c.push(64);
            c.getrandom(a, 64, 0);
            c.getrandom(b, 64, 0);
            Ltp.expr(c, "two reads differ", !hex(c, a, 64).equals(hex(c, b, 64)));
            c.getrandom(a, 8, 0);
            c.getrandom(b, 8, 0);
            Ltp.expr(c, "two short reads differ", !hex(c, a, 8).equals(hex(c, b, 8)));
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void getrandom_badFlags_isEinval() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(16);
            Ltp.fail(c, "getrandom(GRND_RANDOM | GRND_INSECURE)",
                    c.getrandom(buf, 16, Random.GRND_RANDOM | Random.GRND_INSECURE), Errno.EINVAL);
            for (int f : new int[] {0x8, 0x80, -1}) {
                Ltp.fail(c, "getrandom(flags " + f + ")", c.getrandom(buf, 16, f), Errno.EINVAL);
            }
            // flags are checked before the buffer
            Ltp.fail(c, "getrandom(0x1, 16, 0x8)", c.getrandom(1, 16, 0x8), Errno.EINVAL);
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }

    @Test
    void getrandom_badBuffer_isEfaultOrAShortRead() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "getrandom(0x1, 16, 0)", c.getrandom(1, 16, 0), Errno.EFAULT);
            Ltp.fail(c, "getrandom(unmapped, 100, 0)", c.getrandom(0x5000_0000L, 100, 0), Errno.EFAULT);
            Ltp.fail(c, "getrandom(kernel address, 16, 0)", c.getrandom(0xffff_ffd8_0000_0000L, 16, 0), Errno.EFAULT);
            long page = c.mmap(0, 4096, Mmap.PROT_READ | Mmap.PROT_WRITE, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS);
            // the page after it is unmapped: the copy stops there
            c.munmap(page + 4096, 4096);
            Ltp.eq(c, "getrandom across the end of a mapping", c.getrandom(page, 4096 + 100, 0), 4096);
            Ltp.eq(c, "a short read across the end", c.getrandom(page + 4096 - 16, 32, 0), 16);
            Ltp.fail(c, "getrandom into a read-only page", c.getrandom(
                    c.mmap(0, 4096, Mmap.PROT_READ, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS), 64, 0), Errno.EFAULT);
            return 0;
        });
        Ltp.assertAllPass(out, 6);
    }

    @Test
    void getrandom_sameSeed_sameBytes() {
        String first = userBytes(42);
        assertEquals(first, userBytes(42));
        assertNotEquals(first, userBytes(43));
        assertEquals(3, first.lines().filter(l -> l.startsWith("bytes ")).count(), first);
    }

    @Test
    void getRandomBytes_isDeterministicPerSeedAndNeverRepeats() {
        Kernel a = Kernel.create(new KernelConfig(1, 16, 7, ""));
        Kernel b = Kernel.create(new KernelConfig(1, 16, 7, ""));
        Kernel other = Kernel.create(new KernelConfig(1, 16, 8, ""));
        byte[] a1 = new byte[100];
        byte[] a2 = new byte[100];
        byte[] b1 = new byte[100];
        byte[] o1 = new byte[100];
        a.random().get_random_bytes(a1);
        a.random().get_random_bytes(a2);
        b.random().get_random_bytes(b1);
        other.random().get_random_bytes(o1);
        assertArrayEquals(a1, b1);
        assertFalse(Arrays.equals(a1, a2), "the key is erased after each request");
        assertFalse(Arrays.equals(a1, o1));
        // an empty request leaves the generator where it was
        a.random().get_random_bytes(new byte[0]);
        byte[] a3 = new byte[33];
        a.random().get_random_bytes(a3);
        byte[] b2 = new byte[100];
        byte[] b3 = new byte[33];
        b.random().get_random_bytes(b2);
        b.random().get_random_bytes(b3);
        assertArrayEquals(a2, b2);
        assertArrayEquals(a3, b3);
    }
}
