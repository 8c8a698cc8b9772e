package org.jstap.sim.fs.ext2.layout;

/**
 * Where {@link Mke2fs} puts a file system: a device of a fixed size written at byte offsets.
 * The kernel's tests hand it a disk image file; the {@code mkfs.ext2} program hands it a block
 * device it opened, written with pwrite64. Errors are negative errno values, as both sides use.
 *
 * <pre>{@code
 * BlockWriter w = new BlockWriter() {
 *     public long size() { return bytes.length; }
 *     public int write(long offset, byte[] data) { System.arraycopy(data, 0, bytes, (int) offset, data.length); return 0; }
 * };
 * }</pre>
 */
public interface BlockWriter {
    /** The device's size in bytes. */
    long size();

    /** Writes all of {@code data} at byte {@code offset}; 0 or -errno. */
    int write(long offset, byte[] data);

    /** Makes what was written durable (fsync); 0 or -errno. */
    default int flush() {
        return 0;
    }
}
