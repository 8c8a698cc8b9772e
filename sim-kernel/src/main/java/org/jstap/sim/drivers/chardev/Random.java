package org.jstap.sim.drivers.chardev;

import org.jstap.sim.kernel.LinuxFile;

/**
 * drivers/char/random.c: the kernel's random bytes. The pool is seeded from the machine's seed,
 * not from hardware noise, so that a run repeats byte for byte.
 */
@LinuxFile("drivers/char/random.c")
public final class Random {
    private final java.util.SplittableRandom pool;

    public Random(long seed) {
        this.pool = new java.util.SplittableRandom(seed ^ 0x6a09e667f3bcc908L);
    }

    /** get_random_bytes. */
    public void get_random_bytes(byte[] out) {
        for (int i = 0; i < out.length; i += 8) {
            long v = pool.nextLong();
            for (int j = 0; j < 8 && i + j < out.length; j++) {
                out[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }
}
