package org.jstap.sim.lib.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The ChaCha20 block function against RFC 8439's test vector. */
class ChachaTest {

    @Test
    void chachaBlockGeneric_rfc8439Vector_matches() {
        int[] state = new int[16];
        Chacha.chacha_init_consts(state);
        // key 00 01 02 ... 1f, block counter 1, nonce 00000009 0000004a 00000000 (RFC 8439, 2.3.2)
        for (int i = 0; i < 8; i++) {
            int b = 4 * i;
            state[4 + i] = b | (b + 1) << 8 | (b + 2) << 16 | (b + 3) << 24;
        }
        state[12] = 1;
        state[13] = 0x09000000;
        state[14] = 0x4a000000;
        state[15] = 0;
        byte[] out = new byte[64];
        Chacha.chacha_block_generic(state, out, 20);
        assertEquals("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e", HexFormat.of().formatHex(out));
        assertEquals(2, state[12], "the block counter advances");
    }
}
