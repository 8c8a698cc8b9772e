package org.jstap.sim.userland.bin;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/stress [-n WORKERS] [-b BYTES] [-d DIR]: forks the workers; each pushes BYTES through a
 * pipe of its own (written and read back in 512-byte chunks), writes a file of BYTES in DIR
 * (/tmp), reads it back, compares, removes it and exits 0, or 1 on any mismatch or error. The
 * parent reaps them all and prints a summary.
 */
public final class Stress extends Program {
    private static final int CHUNK = 512;

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "n:b:d:");
        int workers = 4;
        int bytes = 16384;
        String dir = "/tmp";
        for (int c; (c = g.next()) != -1;) {
            try {
                switch (c) {
                    case 'n' -> workers = Integer.parseInt(g.optarg());
                    case 'b' -> bytes = Integer.parseInt(g.optarg());
                    case 'd' -> dir = g.optarg();
                    default -> {
                        p.err().print("Usage: stress [-n WORKERS] [-b BYTES] [-d DIR]\n");
                        return 1;
                    }
                }
            } catch (NumberFormatException e) {
                p.error("invalid number " + Proc.quote(g.optarg()));
                return 1;
            }
        }
        int size = bytes;
        String where = dir;
        p.flush();
        int started = 0;
        for (int i = 0; i < workers; i++) {
            int id = i;
            long pid = p.libc.fork(c -> worker(new Proc(c, p.argv, p.env), id, size, where));
            if (pid < 0) {
                p.error("fork failed", pid);
                break;
            }
            started++;
        }
        int ok = 0;
        int failed = 0;
        int[] st = new int[1];
        while (true) {
            long r = p.libc.wait4(-1, st, 0);
            if (r == -4) {
                continue;
            }
            if (r < 0) {
                break;
            }
            if (st[0] == 0) {
                ok++;
            } else {
                failed++;
            }
        }
        p.out().print("stress: " + started + " workers, " + ok + " ok, " + failed + " failed, " + (long) ok * size
                + " bytes through pipes, " + (long) ok * size + " bytes through files\n");
        return failed == 0 && started == workers ? 0 : 1;
    }

    private static byte[] pattern(int id, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + id) % 26);
        }
        return b;
    }

    private static int worker(Proc p, int id, int size, String dir) {
        Libc libc = p.libc;
        long buf = libc.mmap(0, Math.max(size, CHUNK), 3, 0x22);
        long back = libc.mmap(0, Math.max(size, CHUNK), 3, 0x22);
        byte[] data = pattern(id, size);
        p.cpu.write(buf, data, 0, size);
        int[] fds = new int[2];
        long r = libc.pipe2(fds, Libc.O_CLOEXEC);
        if (r < 0) {
            p.error("pipe2", r);
            return 1;
        }
        for (int off = 0; off < size; off += CHUNK) {
            int n = Math.min(CHUNK, size - off);
            if (libc.write_all(fds[1], buf + off, n) != n) {
                p.error("pipe write failed");
                return 1;
            }
            int got = 0;
            while (got < n) {
                long m = libc.read(fds[0], back + off + got, n - got);
                if (m <= 0) {
                    p.error("pipe read failed", m);
                    return 1;
                }
                got += (int) m;
            }
        }
        libc.close(fds[0]);
        libc.close(fds[1]);
        if (!same(p, back, data)) {
            p.error("worker " + id + ": pipe data differ");
            return 1;
        }
        String path = dir + "/stress." + libc.getpid();
        long fd = libc.open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_TRUNC, 0600);
        if (fd < 0) {
            p.error("cannot create " + Proc.quote(path), fd);
            return 1;
        }
        if (libc.write_all((int) fd, buf, size) != size) {
            p.error("write " + Proc.quote(path) + " failed");
            return 1;
        }
        libc.close((int) fd);
        fd = libc.open(path, Libc.O_RDONLY, 0);
        if (fd < 0) {
            p.error("cannot open " + Proc.quote(path), fd);
            return 1;
        }
        p.cpu.write(back, new byte[size], 0, size);
        int got = 0;
        while (got < size) {
            long m = libc.read((int) fd, back + got, size - got);
            if (m <= 0) {
                break;
            }
            got += (int) m;
        }
        libc.close((int) fd);
        libc.unlinkat(Libc.AT_FDCWD, path, 0);
        if (got != size || !same(p, back, data)) {
            p.error("worker " + id + ": file data differ (" + got + " of " + size + " bytes)");
            return 1;
        }
        return 0;
    }

    private static boolean same(Proc p, long addr, byte[] expected) {
        byte[] b = new byte[expected.length];
        p.cpu.read(addr, b, 0, b.length);
        return new String(b, StandardCharsets.ISO_8859_1).equals(new String(expected, StandardCharsets.ISO_8859_1));
    }
}
