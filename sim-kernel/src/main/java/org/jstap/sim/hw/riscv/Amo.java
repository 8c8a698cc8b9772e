package org.jstap.sim.hw.riscv;

/**
 * The A extension's operations (the funct5 field of an AMO instruction) and what each does to
 * the value in memory, for 32-bit ({@link #apply_w}) and 64-bit ({@link #apply_d}) words.
 *
 * <pre>{@code
 * long stored = Amo.apply_d(Amo.MAXU, memoryValue, registerValue);
 * }</pre>
 */
public final class Amo {
    private Amo() {
    }

    public static final int ADD = 0x00;
    public static final int SWAP = 0x01;
    public static final int LR = 0x02;
    public static final int SC = 0x03;
    public static final int XOR = 0x04;
    public static final int OR = 0x08;
    public static final int AND = 0x0c;
    public static final int MIN = 0x10;
    public static final int MAX = 0x14;
    public static final int MINU = 0x18;
    public static final int MAXU = 0x1c;

    /** The new memory value of a 64-bit AMO {@code f5} with memory {@code mem} and register {@code src}. */
    public static long apply_d(int f5, long mem, long src) {
        return switch (f5) {
            case ADD -> mem + src;
            case SWAP -> src;
            case XOR -> mem ^ src;
            case OR -> mem | src;
            case AND -> mem & src;
            case MIN -> Math.min(mem, src);
            case MAX -> Math.max(mem, src);
            case MINU -> Long.compareUnsigned(mem, src) <= 0 ? mem : src;
            case MAXU -> Long.compareUnsigned(mem, src) >= 0 ? mem : src;
            default -> throw new IllegalArgumentException("not an AMO: " + f5);
        };
    }

    /**
     * The same on 32-bit words (the low halves): the 64-bit operation on the words extended as
     * the comparison needs them (zero-extended for the unsigned ones, sign-extended otherwise).
     */
    public static int apply_w(int f5, int mem, int src) {
        boolean unsigned = f5 == MINU || f5 == MAXU;
        return (int) apply_d(f5, unsigned ? mem & 0xffff_ffffL : mem, unsigned ? src & 0xffff_ffffL : src);
    }
}
