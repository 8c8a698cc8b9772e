package org.jstap.sim.userland;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.arch.riscv.UserMode;

/**
 * stdio.h for the machine's programs: buffered streams over a file descriptor whose buffers live
 * in user memory (an anonymous mapping each, as glibc mallocs them). Output is line-buffered on
 * a terminal, fully buffered otherwise (one write per 4 KiB), and unbuffered (one write per call)
 * for stderr, so a program makes as few system calls as a C program would.
 */
public final class Stdio {
    private Stdio() {}

    /** The buffer size: BUFSIZ. */
    public static final int BUFSIZ = 4096;

    /** setvbuf's modes. */
    public enum Buffering {
        /** _IOFBF: written when the buffer fills. */
        FULL,
        /** _IOLBF: written at each newline (and when full). */
        LINE,
        /** _IONBF: written at the end of each call. */
        NONE
    }

    /** mmap(NULL, BUFSIZ, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS): a stream's buffer, or 0. */
    private static long allocate(Libc libc) {
        long a = libc.mmap(0, BUFSIZ, 3, 0x22);
        return a < 0 && a > -4096 ? 0 : a;
    }

    /** An output stream (FILE* opened for writing). */
    public static final class Out {
        private final Libc libc;
        private final UserMode cpu;
        private final int fd;
        private Buffering mode;
        private long buf;
        private int pos;
        private int error;

        public Out(Libc libc, int fd, Buffering mode) {
            this.libc = libc;
            this.cpu = libc.cpu();
            this.fd = fd;
            this.mode = mode;
        }

        /** A stream buffered as stdio buffers stdout: by lines on a terminal, fully otherwise. */
        public static Out forFd(Libc libc, int fd) {
            return new Out(libc, fd, libc.isatty(fd) ? Buffering.LINE : Buffering.FULL);
        }

        public int fd() {
            return fd;
        }

        public void setvbuf(Buffering mode) {
            this.mode = mode;
        }

        /** ferror: the errno of the first failed write, or 0. */
        public int error() {
            return error;
        }

        public Out write(byte[] b, int off, int len) {
            if (buf == 0) {
                buf = allocate(libc);
                if (buf == 0) {
                    error = Errno.ENOMEM;
                    return this;
                }
            }
            boolean newline = false;
            while (len > 0) {
                int chunk = Math.min(len, BUFSIZ - pos);
                cpu.write(buf + pos, b, off, chunk);
                if (mode == Buffering.LINE && !newline) {
                    for (int i = off; i < off + chunk; i++) {
                        if (b[i] == '\n') {
                            newline = true;
                            break;
                        }
                    }
                }
                pos += chunk;
                off += chunk;
                len -= chunk;
                if (pos == BUFSIZ) {
                    flush();
                }
            }
            if (newline || mode == Buffering.NONE) {
                flush();
            }
            return this;
        }

        public Out write(byte[] b) {
            return write(b, 0, b.length);
        }

        public Out print(String s) {
            return write(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Out println(String s) {
            return print(s + "\n");
        }

        public Out printf(String format, Object... args) {
            return print(String.format(format, args));
        }

        /** fflush: 0, or -errno (remembered, as ferror would). */
        public long flush() {
            if (pos == 0) {
                return 0;
            }
            long r = libc.write_all(fd, buf, pos);
            pos = 0;
            if (r < 0) {
                if (error == 0) {
                    error = (int) -r;
                }
                return r;
            }
            return 0;
        }

        /** fclose without the close: flushes and drops the buffer's mapping. */
        public long release() {
            long r = flush();
            if (buf != 0) {
                libc.munmap(buf, BUFSIZ);
                buf = 0;
            }
            return r;
        }
    }

    /** An input stream (FILE* opened for reading). */
    public static final class In {
        private final Libc libc;
        private final int fd;
        private final byte[] data = new byte[BUFSIZ];
        private long buf;
        private int pos;
        private int len;
        private boolean eof;
        private int error;

        public In(Libc libc, int fd) {
            this.libc = libc;
            this.fd = fd;
        }

        public int fd() {
            return fd;
        }

        /** ferror: the errno of a failed read, or 0. */
        public int error() {
            return error;
        }

        /** Reads the next block; false at end of file or on error. */
        private boolean fill() {
            if (eof) {
                return false;
            }
            if (buf == 0) {
                buf = allocate(libc);
                if (buf == 0) {
                    error = Errno.ENOMEM;
                    eof = true;
                    return false;
                }
            }
            while (true) {
                long n = libc.read(fd, buf, BUFSIZ);
                if (n == -Errno.EINTR) {
                    continue;
                }
                if (n <= 0) {
                    if (n < 0) {
                        error = (int) -n;
                    }
                    eof = true;
                    return false;
                }
                libc.cpu().read(buf, data, 0, (int) n);
                pos = 0;
                len = (int) n;
                return true;
            }
        }

        /** getc: the next byte, or -1 at end of file. */
        public int getc() {
            if (pos == len && !fill()) {
                return -1;
            }
            return data[pos++] & 0xff;
        }

        /**
         * getline: the next line with its newline (the last line of a file may lack one), or
         * null at end of file. On a terminal each read returns one line, as the tty's canonical
         * mode hands them over.
         */
        public String readLine() {
            StringBuilder line = null;
            while (true) {
                if (pos == len && !fill()) {
                    return line == null ? null : line.toString();
                }
                if (line == null) {
                    line = new StringBuilder();
                }
                int start = pos;
                while (pos < len && data[pos] != '\n') {
                    pos++;
                }
                boolean nl = pos < len;
                if (nl) {
                    pos++;
                }
                line.append(new String(data, start, pos - start, StandardCharsets.ISO_8859_1));
                if (nl) {
                    return line.toString();
                }
            }
        }

        /** fread: up to {@code n} bytes into {@code dst}; the count, 0 at end of file. */
        public int read(byte[] dst, int off, int n) {
            if (pos == len && !fill()) {
                return 0;
            }
            int c = Math.min(n, len - pos);
            System.arraycopy(data, pos, dst, off, c);
            pos += c;
            return c;
        }

        /** Everything left, as a byte string. */
        public String readAll() {
            StringBuilder s = new StringBuilder();
            while (pos < len || fill()) {
                s.append(new String(data, pos, len - pos, StandardCharsets.ISO_8859_1));
                pos = len;
            }
            return s.toString();
        }

        /** Drops the buffer's mapping (fclose; the descriptor is the caller's). */
        public void release() {
            if (buf != 0) {
                libc.munmap(buf, BUFSIZ);
                buf = 0;
            }
        }
    }
}
