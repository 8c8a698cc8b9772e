package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/dmesg: the kernel's log buffer by syslog(2) (its size by SYSLOG_ACTION_SIZE_BUFFER, the
 * text by SYSLOG_ACTION_READ_ALL into a buffer that large), each line's "&lt;N&gt;" level dropped
 * ({@code -r} keeps it).
 */
public final class Dmesg extends Program {
    @Override
    protected int main(Proc p) {
        boolean raw = p.args().contains("-r");
        Libc libc = p.libc;
        long size = libc.syslog(Libc.SYSLOG_ACTION_SIZE_BUFFER, 0, 0);
        if (size < 0) {
            p.error("read kernel buffer failed", size);
            return 1;
        }
        if (size == 0) {
            return 0;
        }
        long buf = libc.mmap(0, size, 3, 0x22);
        long n = libc.syslog(Libc.SYSLOG_ACTION_READ_ALL, buf, size);
        if (n < 0) {
            p.error("read kernel buffer failed", n);
            return 1;
        }
        byte[] b = new byte[(int) n];
        p.cpu.read(buf, b, 0, b.length);
        libc.munmap(buf, size);
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (!raw && line.startsWith("<")) {
                int end = line.indexOf('>');
                if (end > 0 && line.substring(1, end).chars().allMatch(Character::isDigit)) {
                    line = line.substring(end + 1);
                }
            }
            out.append(line).append('\n');
        }
        p.out().print(out.toString());
        return 0;
    }
}
