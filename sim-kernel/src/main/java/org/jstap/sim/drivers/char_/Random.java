package org.jstap.sim.drivers.char_;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.crypto.Chacha;

/**
 * drivers/char/random.c (the package is {@code char_} because {@code char} is a Java keyword):
 * the kernel's random number generator, a ChaCha20 CRNG with fast key erasure as in Linux 5.17+.
 * Every request first replaces the key with key stream (so earlier output cannot be recomputed
 * from the state), then the request is served from ChaCha20 blocks of the old key.
 *
 * <p>Unlike Linux, nothing but the machine's seed ({@code --seed}) goes into the key, and there is
 * one CRNG rather than one per CPU with periodic reseeding: the same seed gives the same bytes,
 * in the same order of requests, on every run. The seed counts as a trusted bootloader seed, so
 * the CRNG is ready from boot and getrandom never blocks.
 *
 * <pre>{@code
 * byte[] buf = new byte[16];
 * kernel.random().get_random_bytes(buf);   // for /dev/urandom, ASLR, ...
 * }</pre>
 */
@LinuxFile("drivers/char/random.c")
public final class Random {
    public static final int GRND_NONBLOCK = 0x0001;
    public static final int GRND_RANDOM = 0x0002;
    public static final int GRND_INSECURE = 0x0004;
    /** MAX_RW_COUNT: the most one read or write moves (INT_MAX & PAGE_MASK). */
    static final long MAX_RW_COUNT = Integer.MAX_VALUE & ~4095L;
    /** Virtual cost of one ChaCha20 block. */
    private static final long BLOCK_NS = 60;

    private final Kernel kernel;
    /** base_crng.key; guarded by the machine's single running thread (Linux: base_crng.lock). */
    private final byte[] key = new byte[Chacha.CHACHA_KEY_SIZE];

    public Random(Kernel kernel) {
        this.kernel = kernel;
        random_init(kernel.config().seed());
    }

    /**
     * random_init: the first key, extracted from the input pool, which here holds only the seed
     * (Linux extracts with BLAKE2s; SHA-256 serves the same purpose and ships with the JDK).
     */
    private void random_init(long seed) {
        try {
            MessageDigest pool = MessageDigest.getInstance("SHA-256");
            pool.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(seed).array());
            System.arraycopy(pool.digest(), 0, key, 0, key.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * crng_make_state, with crng_fast_key_erasure: a ChaCha state on the current key (counter 0),
     * whose first block becomes the next key and, after it, {@code random_data}'s first
     * {@code len} (at most 32) bytes. The state is left at counter 1, for more blocks.
     */
    private int[] crng_make_state(byte[] random_data, int off, int len) {
        int[] state = new int[16];
        Chacha.chacha_init_consts(state);
        ByteBuffer k = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            state[4 + i] = k.getInt(4 * i);
        }
        byte[] first = new byte[Chacha.CHACHA_BLOCK_SIZE];
        chacha20_block(state, first);
        System.arraycopy(first, 0, key, 0, Chacha.CHACHA_KEY_SIZE);
        System.arraycopy(first, Chacha.CHACHA_KEY_SIZE, random_data, off, len);
        return state;
    }

    /** chacha20_block, with the carry into word 13 that makes the counter 64 bits wide. */
    private void chacha20_block(int[] state, byte[] out) {
        kernel.sched().charge(BLOCK_NS);
        Chacha.chacha_block_generic(state, out, 20);
        if (state[12] == 0) {
            state[13]++;
        }
    }

    /** get_random_bytes: fills {@code buf} for the kernel's own use. */
    public void get_random_bytes(byte[] buf) {
        _get_random_bytes(buf, 0, buf.length);
    }

    void _get_random_bytes(byte[] buf, int off, int len) {
        if (len == 0) {
            return;
        }
        int first = Math.min(Chacha.CHACHA_KEY_SIZE, len);
        int[] state = crng_make_state(buf, off, first);
        byte[] block = new byte[Chacha.CHACHA_BLOCK_SIZE];
        for (int done = first; done < len; done += Chacha.CHACHA_BLOCK_SIZE) {
            chacha20_block(state, block);
            System.arraycopy(block, 0, buf, off + done, Math.min(Chacha.CHACHA_BLOCK_SIZE, len - done));
        }
    }

    /**
     * get_random_bytes_user: {@code len} bytes to user memory, a block at a time. The state's key
     * is replaced by fresh bytes at once (forward secrecy even if the copy sleeps); a request of
     * at most 32 bytes is served from those. A fault or, at a page boundary, a pending signal
     * ends the copy: the bytes copied so far, or -EFAULT if none.
     */
    long get_random_bytes_user(long ubuf, long len) {
        if (len == 0) {
            return 0;
        }
        byte[] fresh = new byte[Chacha.CHACHA_KEY_SIZE];
        int[] state = crng_make_state(fresh, 0, fresh.length);
        if (len <= Chacha.CHACHA_KEY_SIZE) {
            int notCopied = kernel.uaccess().copy_to_user(ubuf, fresh, 0, (int) len);
            return notCopied == len ? -Errno.EFAULT : len - notCopied;
        }
        ByteBuffer k = ByteBuffer.wrap(fresh).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            state[4 + i] = k.getInt(4 * i);
        }
        byte[] block = new byte[Chacha.CHACHA_BLOCK_SIZE];
        long ret = 0;
        while (true) {
            chacha20_block(state, block);
            int chunk = (int) Math.min(block.length, len - ret);
            long copied = chunk - kernel.uaccess().copy_to_user(ubuf + ret, block, 0, chunk);
            ret += copied;
            if (ret == len || copied != block.length) {
                break;
            }
            if (ret % 4096 == 0 && kernel.signal().signal_pending(kernel.sched().current())) {
                break;
            }
        }
        return ret != 0 ? ret : -Errno.EFAULT;
    }

    /**
     * getrandom(2): random bytes for user space. GRND_RANDOM (the old blocking pool) and
     * GRND_INSECURE (do not wait for seeding) make no difference once the CRNG is seeded, which it
     * is from boot; asking for both is contradictory, and unknown flags are rejected.
     */
    public long __do_sys_getrandom(long ubuf, long len, int flags) {
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM)) {
            return -Errno.EINVAL;
        }
        // import_ubuf: at most MAX_RW_COUNT, all of it in user space
        if (Long.compareUnsigned(len, MAX_RW_COUNT) > 0) {
            len = MAX_RW_COUNT;
        }
        if (!org.jstap.sim.arch.riscv.Uaccess.access_ok(ubuf, len)) {
            return -Errno.EFAULT;
        }
        return get_random_bytes_user(ubuf, len);
    }
}
