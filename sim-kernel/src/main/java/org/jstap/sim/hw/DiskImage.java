package org.jstap.sim.hw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a disk holds: a host file ({@code --disk FILE}, written through as QEMU's raw format does)
 * or, for tests, bytes in memory. Addressed in 512-byte sectors.
 */
public abstract class DiskImage {
    public static final int SECTOR_SIZE = 512;

    /** Size in sectors. */
    public abstract long sectors();

    /** Reads {@code buf.length} bytes starting at {@code sector}; false on a host I/O error. */
    public abstract boolean read(long sector, byte[] buf);

    /** Writes {@code buf} starting at {@code sector}; false on a host I/O error. */
    public abstract boolean write(long sector, byte[] buf);

    /** Makes written data durable; false on a host I/O error. */
    public abstract boolean flush();

    /** A raw image file on the host; its size is rounded down to whole sectors. */
    public static DiskImage open(Path file) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new FileImage(ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open disk image " + file + ": " + e.getMessage(), e);
        }
    }

    /** A zero-filled disk of {@code bytes} (rounded down to sectors) that lives in memory. */
    public static DiskImage inMemory(long bytes) {
        return new MemoryImage(new byte[(int) (bytes / SECTOR_SIZE * SECTOR_SIZE)]);
    }

    private static final class FileImage extends DiskImage {
        private final FileChannel ch;

        FileImage(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public long sectors() {
            try {
                return ch.size() / SECTOR_SIZE;
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public boolean read(long sector, byte[] buf) {
            try {
                ByteBuffer b = ByteBuffer.wrap(buf);
                long pos = sector * SECTOR_SIZE;
                while (b.hasRemaining()) {
                    if (ch.read(b, pos + b.position()) < 0) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public boolean write(long sector, byte[] buf) {
            try {
                ByteBuffer b = ByteBuffer.wrap(buf);
                long pos = sector * SECTOR_SIZE;
                while (b.hasRemaining()) {
                    ch.write(b, pos + b.position());
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public boolean flush() {
            try {
                ch.force(false);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static final class MemoryImage extends DiskImage {
        private final byte[] bytes;

        MemoryImage(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long sectors() {
            return bytes.length / SECTOR_SIZE;
        }

        @Override
        public boolean read(long sector, byte[] buf) {
            System.arraycopy(bytes, (int) (sector * SECTOR_SIZE), buf, 0, buf.length);
            return true;
        }

        @Override
        public boolean write(long sector, byte[] buf) {
            System.arraycopy(buf, 0, bytes, (int) (sector * SECTOR_SIZE), buf.length);
            return true;
        }

        @Override
        public boolean flush() {
            return true;
        }
    }
}
