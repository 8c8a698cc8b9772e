package org.jstap.sim.lib.crypto;

import org.jstap.sim.kernel.LinuxFile;

/**
 * lib/crypto/chacha.c: the ChaCha20 block function (RFC 8439), which the random number generator
 * runs. A state is 16 words: four constants, a 256-bit key, then a block counter and a nonce
 * (the random driver uses words 12-13 as a 64-bit counter); each block turns it into 64 bytes
 * of key stream and advances word 12.
 */
@LinuxFile("lib/crypto/chacha.c")
public final class Chacha {
    public static final int CHACHA_BLOCK_SIZE = 64;
    public static final int CHACHA_KEY_SIZE = 32;
    /** "expand 32-byte k". */
    private static final int[] CONSTS = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private Chacha() {}

    /** chacha_init_consts: the first four words of a state. */
    public static void chacha_init_consts(int[] state) {
        System.arraycopy(CONSTS, 0, state, 0, 4);
    }

    /** chacha_block_generic: 64 bytes of key stream (little-endian words) into {@code out}; word 12 advances. */
    public static void chacha_block_generic(int[] state, byte[] out, int nrounds) {
        int[] x = state.clone();
        chacha_permute(x, nrounds);
        for (int i = 0; i < 16; i++) {
            int w = x[i] + state[i];
            out[4 * i] = (byte) w;
            out[4 * i + 1] = (byte) (w >>> 8);
            out[4 * i + 2] = (byte) (w >>> 16);
            out[4 * i + 3] = (byte) (w >>> 24);
        }
        // word 12 only: a caller with a 64-bit counter carries into word 13 itself
        state[12]++;
    }

    /** chacha_permute: the rounds, two at a time (a column round, then a diagonal round). */
    static void chacha_permute(int[] x, int nrounds) {
        for (int i = 0; i < nrounds; i += 2) {
            quarterRound(x, 0, 4, 8, 12);
            quarterRound(x, 1, 5, 9, 13);
            quarterRound(x, 2, 6, 10, 14);
            quarterRound(x, 3, 7, 11, 15);
            quarterRound(x, 0, 5, 10, 15);
            quarterRound(x, 1, 6, 11, 12);
            quarterRound(x, 2, 7, 8, 13);
            quarterRound(x, 3, 4, 9, 14);
        }
    }

    private static void quarterRound(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }
}
