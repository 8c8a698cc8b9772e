package org.jstap.sim.hw.riscv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The smallest static RISC-V executable: an ELF64 header and one read-write-execute PT_LOAD that
 * maps the whole file at {@link #BASE}, so code and data written at their virtual addresses with
 * {@link #put32} and {@link #put64} are where a loader (Linux's, qemu-user's, ours) puts them.
 */
final class MiniElf {
    static final long BASE = 0x10000;
    /** The first instruction: right after the headers. */
    static final long ENTRY = BASE + 0x78;

    private final ByteBuffer image;

    MiniElf(int size) {
        image = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        image.put(0, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        image.putShort(16, (short) 2);            // ET_EXEC
        image.putShort(18, (short) 243);          // EM_RISCV
        image.putInt(20, 1);
        image.putLong(24, ENTRY);
        image.putLong(32, 64);                    // e_phoff
        image.putInt(48, 0x5);                    // EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE
        image.putShort(52, (short) 64);           // e_ehsize
        image.putShort(54, (short) 56);           // e_phentsize
        image.putShort(56, (short) 1);            // e_phnum
        image.putShort(58, (short) 64);           // e_shentsize
        image.putInt(64, 1);                      // PT_LOAD
        image.putInt(68, 7);                      // PF_R | PF_W | PF_X
        image.putLong(72, 0);
        image.putLong(80, BASE);
        image.putLong(88, BASE);
        image.putLong(96, size);
        image.putLong(104, size);
        image.putLong(112, 0x1000);
    }

    void put16(long va, int v) {
        image.putShort((int) (va - BASE), (short) v);
    }

    void put32(long va, int v) {
        image.putInt((int) (va - BASE), v);
    }

    void put64(long va, long v) {
        image.putLong((int) (va - BASE), v);
    }

    byte[] bytes() {
        return image.array();
    }
}
