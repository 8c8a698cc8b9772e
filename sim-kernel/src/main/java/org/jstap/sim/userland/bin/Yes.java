package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/yes: its arguments (or "y") forever, a full buffer per write, until the output goes away. */
public final class Yes extends Program {
    @Override
    protected int main(Proc p) {
        String line = (p.args().isEmpty() ? "y" : String.join(" ", p.args())) + "\n";
        StringBuilder block = new StringBuilder();
        while (block.length() < 4096) {
            block.append(line);
        }
        byte[] b = block.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var out = p.out();
        out.setvbuf(org.jstap.sim.userland.Stdio.Buffering.FULL);
        while (out.error() == 0) {
            out.write(b);
        }
        p.error("standard output: " + org.jstap.sim.userland.Libc.strerror(out.error()));
        return 1;
    }
}
