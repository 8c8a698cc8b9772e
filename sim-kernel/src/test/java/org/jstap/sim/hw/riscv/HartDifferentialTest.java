package org.jstap.sim.hw.riscv;

import static org.jstap.sim.hw.riscv.Asm.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assumptions;

/**
 * The hart against QEMU: random instruction sequences (integer, M, A, F, D, compressed, CSR
 * accesses to the FP CSRs, forward branches, loads and stores into a memory area) run from random
 * registers, fcsr and memory, once on the hart and once under qemu-riscv64 as a minimal static
 * ELF whose epilogue stores x1-x31, f0-f31 and fcsr after the memory area and write(2)s the lot
 * to stdout. Both must leave the same bytes. Skipped when qemu-riscv64 is not installed.
 */
class HartDifferentialTest {
    private static final long MEM = 0x20000;
    private static final int MEM_SIZE = 512;
    private static final long INIT = 0x21000;
    /** Bytes the epilogue writes: the memory area, x0-x31, f0-f31, fcsr. */
    private static final int OUT = MEM_SIZE + 8 * 32 + 8 * 32 + 8;
    private static final int FCSR_SLOT = 256;
    private static Path qemu;

    @BeforeContainer
    static void findQemu() {
        qemu = org.jstap.sim.HostPrograms.find("qemu-riscv64");
    }

    @Provide
    Arbitrary<List<Long>> programs() {
        return Arbitraries.longs().list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void randomSequence_sameStateAsQemu(@ForAll("programs") List<Long> insns, @ForAll long seed) throws Exception {
        Assumptions.assumeTrue(qemu != null, "qemu-riscv64 is not installed (apt-get install qemu-user): "
                + "the differential test against QEMU is skipped");
        MiniElf elf = build(insns, new Random(seed));
        byte[] expected = run_qemu(elf.bytes());
        byte[] actual = run_hart(elf.bytes());
        if (expected.length != OUT) {
            throw new AssertionError("qemu wrote " + expected.length + " bytes, not " + OUT);
        }
        if (!java.util.Arrays.equals(expected, actual)) {
            throw new AssertionError(describe(expected, actual));
        }
    }

    // ---------------------------------------------------------------- the program

    private static final long[] SPECIAL_D = {0, Long.MIN_VALUE, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L,
        0x7ff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L, 0x0000_0000_0000_0001L, 0x000f_ffff_ffff_ffffL,
        0x0010_0000_0000_0000L, 0x7fef_ffff_ffff_ffffL, 0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L,
        0x4008_0000_0000_0000L, 0x3fe0_0000_0000_0000L, 0x43e0_0000_0000_0000L, 0x41e0_0000_0000_0000L};
    private static final int[] SPECIAL_S = {0, 0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0x7f80_0001,
        0x0000_0001, 0x007f_ffff, 0x0080_0000, 0x7f7f_ffff, 0x3f80_0000, 0xbf80_0000, 0x4040_0000, 0x4f00_0000,
        0x5f00_0000, 0x3f00_0000};
    private static final long[] SPECIAL_X = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000L, 0x7fff_ffffL,
        0xffff_ffffL, -0x8000_0000L, 2, 3};

    private static long randomF(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> SPECIAL_D[r.nextInt(SPECIAL_D.length)];
            case 1 -> Fpu.box(SPECIAL_S[r.nextInt(SPECIAL_S.length)]);
            case 2 -> Fpu.box(r.nextInt());
            case 3 -> Double.doubleToRawLongBits(r.nextGaussian() * Math.pow(2, r.nextInt(40) - 20));
            case 4 -> Fpu.box(Float.floatToRawIntBits((float) (r.nextGaussian() * 100)));
            default -> r.nextLong();
        };
    }

    private static long randomX(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> SPECIAL_X[r.nextInt(SPECIAL_X.length)];
            case 1 -> r.nextInt(64) - 32;
            default -> r.nextLong();
        };
    }

    /** One generated item: instruction bits and size, or a forward branch over {@code skip} items. */
    private record Item(int bits, int size, int skip) {
        static Item of(int bits) {
            return new Item(bits, 4, 0);
        }

        static Item c(int bits) {
            return new Item(bits, 2, 0);
        }
    }

    private static int rd(Random r) {
        int rd = 1 + r.nextInt(30);
        return rd >= 2 ? rd + 1 : rd;
    }

    private static int rs(Random r) {
        return r.nextInt(32);
    }

    private static int rm(Random r) {
        int m = r.nextInt(6);
        return m == 5 ? 7 : m;
    }

    private static int cReg(Random r) {
        return 8 + r.nextInt(8);
    }

    /** Decodes one generated number into instructions; every choice stays away from x2 and the code. */
    private static void generate(long seed, List<Item> out) {
        Random r = new Random(seed);
        int fmt = r.nextInt(2);
        switch (r.nextInt(17)) {
            case 0 -> {
                int[][] ops = {{0, 0}, {0x20, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0x20, 5}, {0, 6}, {0, 7},
                    {1, 0}, {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}};
                int[] o = ops[r.nextInt(ops.length)];
                out.add(Item.of(op(o[0], o[1], rd(r), rs(r), rs(r))));
            }
            case 1 -> {
                int[][] ops = {{0, 0}, {0x20, 0}, {0, 1}, {0, 5}, {0x20, 5}, {1, 0}, {1, 4}, {1, 5}, {1, 6}, {1, 7}};
                int[] o = ops[r.nextInt(ops.length)];
                out.add(Item.of(op32(o[0], o[1], rd(r), rs(r), rs(r))));
            }
            case 2 -> {
                int[] f3s = {0, 2, 3, 4, 6, 7};
                int k = r.nextInt(9);
                out.add(Item.of(k < 6 ? opimm(f3s[k], rd(r), rs(r), r.nextInt(4096) - 2048)
                        : k == 6 ? slli(rd(r), rs(r), r.nextInt(64)) : k == 7 ? srli(rd(r), rs(r), r.nextInt(64))
                        : srai(rd(r), rs(r), r.nextInt(64))));
            }
            case 3 -> {
                int k = r.nextInt(4);
                out.add(Item.of(k == 0 ? addiw(rd(r), rs(r), r.nextInt(4096) - 2048)
                        : k == 1 ? slliw(rd(r), rs(r), r.nextInt(32)) : k == 2 ? srliw(rd(r), rs(r), r.nextInt(32))
                        : sraiw(rd(r), rs(r), r.nextInt(32))));
            }
            case 4 -> out.add(Item.of(r.nextBoolean() ? lui(rd(r), r.nextInt()) : auipc(rd(r), r.nextInt())));
            case 5 -> out.add(Item.of(load(r.nextInt(7), rd(r), 2, r.nextInt(MEM_SIZE - 8))));
            case 6 -> out.add(Item.of(store(r.nextInt(4), rs(r), 2, r.nextInt(MEM_SIZE - 8))));
            case 7 -> {
                int[] f5s = {Amo.ADD, Amo.SWAP, Amo.XOR, Amo.OR, Amo.AND, Amo.MIN, Amo.MAX, Amo.MINU, Amo.MAXU};
                boolean wide = r.nextBoolean();
                if (r.nextInt(4) == 0) {
                    out.add(Item.of(amo(Amo.LR, wide, rd(r), 2, 0)));
                    out.add(Item.of(amo(Amo.SC, wide, rd(r), 2, rs(r))));
                } else {
                    out.add(Item.of(amo(f5s[r.nextInt(f5s.length)], wide, rd(r), 2, rs(r))));
                }
            }
            case 8 -> {
                int k = r.nextInt(5);
                int d = rs(r);
                out.add(Item.of(k == 4 ? fsqrt(fmt, d, rs(r), rm(r)) : fp(k, fmt, d, rs(r), rs(r), rm(r))));
            }
            case 9 -> out.add(Item.of(fma(r.nextInt(4), fmt, rs(r), rs(r), rs(r), rs(r), rm(r))));
            case 10 -> {
                int k = r.nextInt(8);
                out.add(Item.of(switch (k) {
                    case 0 -> fsgnj(r.nextInt(3), fmt, rs(r), rs(r), rs(r));
                    case 1 -> fmin(fmt, rs(r), rs(r), rs(r));
                    case 2 -> fmax(fmt, rs(r), rs(r), rs(r));
                    case 3 -> fcmp(r.nextInt(3), fmt, rd(r), rs(r), rs(r));
                    case 4 -> fclass(fmt, rd(r), rs(r));
                    case 5 -> fmv_x(fmt, rd(r), rs(r));
                    case 6 -> fmv_f(fmt, rs(r), rs(r));
                    default -> fsgnj(1, fmt, rs(r), rs(r), rs(r));
                }));
            }
            case 11 -> {
                int k = r.nextInt(3);
                out.add(Item.of(k == 0 ? fcvt_to_int(r.nextInt(4), fmt, rd(r), rs(r), rm(r))
                        : k == 1 ? fcvt_from_int(r.nextInt(4), fmt, rs(r), rs(r), rm(r))
                        : fcvt_ff(fmt, rs(r), rs(r), rm(r))));
            }
            case 12 -> {
                boolean dbl = r.nextBoolean();
                int off = r.nextInt(MEM_SIZE - 8);
                out.add(Item.of(r.nextBoolean() ? fload(dbl, rs(r), 2, off) : fstore(dbl, rs(r), 2, off)));
            }
            case 13 -> {
                int k = r.nextInt(6);
                out.add(Item.of(switch (k) {
                    case 0 -> csr(1, rd(r), Csrs.FFLAGS, rs(r));
                    case 1 -> csr(2, rd(r), Csrs.FFLAGS, rs(r));
                    case 2 -> csr(3, rd(r), Csrs.FFLAGS, rs(r));
                    case 3 -> csr(5, rd(r), Csrs.FRM, r.nextInt(5));
                    case 4 -> csr(2, rd(r), r.nextBoolean() ? Csrs.FCSR : Csrs.FRM, 0);
                    default -> csr(6 + r.nextInt(2), rd(r), Csrs.FFLAGS, r.nextInt(32));
                }));
            }
            case 14 -> {
                int k = r.nextInt(11);
                int imm6 = r.nextInt(64) - 32;
                out.add(Item.c(switch (k) {
                    case 0 -> c_addi(rd(r), imm6);
                    case 1 -> c_addiw(rd(r), imm6);
                    case 2 -> c_li(rd(r), imm6);
                    case 3 -> c_lui(rd(r), imm6 == 0 ? 1 : imm6);
                    case 4 -> c_slli(rd(r), r.nextInt(64));
                    case 5 -> c_alui(r.nextInt(2), cReg(r), r.nextInt(64));
                    case 6 -> c_alui(2, cReg(r), imm6);
                    case 7 -> c_alu(r.nextInt(6), cReg(r), cReg(r));
                    case 8 -> c_mv(rd(r), rd(r));
                    case 9 -> c_add(rd(r), rd(r));
                    default -> c_addi(rd(r), 0);
                }));
            }
            case 15 -> out.add(new Item(b(0, rs(r), rs(r), new int[] {0, 1, 4, 5, 6, 7}[r.nextInt(6)]), 4,
                    1 + r.nextInt(4)));
            default -> {
                int k = r.nextInt(6);
                out.add(Item.c(switch (k) {
                    case 0 -> c_lwsp(rd(r), 4 * r.nextInt(63));
                    case 1 -> c_ldsp(false, rd(r), 8 * r.nextInt(63));
                    case 2 -> c_ldsp(true, rs(r), 8 * r.nextInt(63));
                    case 3 -> c_swsp(rs(r), 4 * r.nextInt(63));
                    case 4 -> c_sdsp(false, rs(r), 8 * r.nextInt(63));
                    default -> c_sdsp(true, rs(r), 8 * r.nextInt(63));
                }));
            }
        }
    }

    /** The program: load the registers, the generated code, store everything, write(1, ...), exit(0). */
    static MiniElf build(List<Long> seeds, Random r) {
        MiniElf elf = new MiniElf(0x12000);
        for (int i = 0; i < MEM_SIZE; i += 8) {
            elf.put64(MEM + i, r.nextLong());
        }
        for (int i = 0; i < 32; i++) {
            elf.put64(INIT + 8L * i, randomF(r));
            elf.put64(INIT + FCSR_SLOT + 8 + 8L * i, randomX(r));
        }
        elf.put64(INIT + FCSR_SLOT, r.nextInt(5) << 5 | r.nextInt(32));
        List<Integer> code = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        code.add(lui(2, (int) INIT));
        for (int i = 0; i < 32; i++) {
            code.add(fload(true, i, 2, 8 * i));
        }
        code.add(ld(5, 2, FCSR_SLOT));
        code.add(csr(1, 0, Csrs.FCSR, 5));
        for (int i = 1; i < 32; i++) {
            if (i != 2) {
                code.add(ld(i, 2, FCSR_SLOT + 8 + 8 * i));
            }
        }
        code.add(lui(2, (int) MEM));
        code.forEach(c -> sizes.add(4));
        List<Item> items = new ArrayList<>();
        for (long s : seeds) {
            generate(s, items);
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            int bits = it.bits();
            if (it.skip() > 0) {
                int off = it.size();
                for (int j = i + 1; j <= Math.min(items.size() - 1, i + it.skip()); j++) {
                    off += items.get(j).size();
                }
                bits |= b(off, 0, 0, 0) & ~b(0, 31, 31, 7);
            }
            code.add(bits);
            sizes.add(it.size());
        }
        for (int i = 1; i < 32; i++) {
            code.add(sd(i, 2, MEM_SIZE + 8 * i));
            sizes.add(4);
        }
        for (int i = 0; i < 32; i++) {
            code.add(fstore(true, i, 2, MEM_SIZE + 256 + 8 * i));
            sizes.add(4);
        }
        int[] tail = {csr(2, 5, Csrs.FCSR, 0), sd(5, 2, MEM_SIZE + 512), addi(10, 0, 1), addi(11, 2, 0),
            addi(12, 0, OUT), addi(17, 0, 64), ecall(), addi(10, 0, 0), addi(17, 0, 93), ecall()};
        for (int t : tail) {
            code.add(t);
            sizes.add(4);
        }
        long va = MiniElf.ENTRY;
        for (int i = 0; i < code.size(); i++) {
            if (sizes.get(i) == 2) {
                elf.put16(va, code.get(i));
            } else {
                elf.put32(va, code.get(i));
            }
            va += sizes.get(i);
        }
        return elf;
    }

    // ---------------------------------------------------------------- running it

    private static byte[] run_qemu(byte[] image) throws IOException, InterruptedException {
        Path file = Files.createTempFile("hartdiff", ".elf");
        try {
            Files.write(file, image);
            file.toFile().setExecutable(true);
            Process p = new ProcessBuilder(qemu.toString(), file.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("qemu did not finish");
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] run_hart(byte[] image) {
        HartHarness h = new HartHarness();
        for (long page = MiniElf.BASE; page < MiniElf.BASE + image.length; page += 0x1000) {
            if (h.pa(page) == -1) {
                h.map(page, HartHarness.URWX);
            }
            int len = (int) Math.min(0x1000, MiniElf.BASE + image.length - page);
            h.ram.write(h.pa(page), image, (int) (page - MiniElf.BASE), len);
        }
        h.hart.pc = MiniElf.ENTRY;
        int cause = h.hart.run(h.x, h.f, h.root, 1_000_000);
        if (cause != Hart.CAUSE_USER_ECALL || h.x[17] != 64) {
            // what qemu-user would do: a signal and no output
            return new byte[0];
        }
        byte[] out = new byte[OUT];
        for (int i = 0; i < OUT; i += 8) {
            long v = h.peek64(MEM + i);
            for (int k = 0; k < 8; k++) {
                out[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return out;
    }

    private static String describe(byte[] expected, byte[] actual) {
        if (expected.length != OUT || actual.length != OUT) {
            return "output lengths: qemu " + expected.length + ", hart " + actual.length;
        }
        var in = java.nio.ByteBuffer.wrap(expected).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        var out = java.nio.ByteBuffer.wrap(actual).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        StringBuilder sb = new StringBuilder("hart differs from qemu:");
        for (int i = 0; i < OUT; i += 8) {
            long e = in.getLong(i);
            long a = out.getLong(i);
            if (e != a) {
                String what = i < MEM_SIZE ? "mem+" + i : i < MEM_SIZE + 256 ? "x" + (i - MEM_SIZE) / 8
                        : i < MEM_SIZE + 512 ? "f" + (i - MEM_SIZE - 256) / 8 : "fcsr";
                sb.append(String.format("%n  %s: qemu %016x hart %016x", what, e, a));
            }
        }
        return sb.toString();
    }
}
