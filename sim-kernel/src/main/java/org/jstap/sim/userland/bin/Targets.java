package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Stat;

/**
 * The SOURCE... DEST convention cp and mv share (coreutils' target_directory handling): at least
 * two operands, and with more than two the last must be a directory, into which each source goes
 * under its own name.
 */
record Targets(List<String> sources, String dest, boolean destDir) {
    /** The operands' meaning, or null after printing coreutils' message for what is wrong. */
    static Targets of(Proc p, List<String> ops) {
        if (ops.isEmpty()) {
            p.error("missing file operand");
            p.tryHelp();
            return null;
        }
        if (ops.size() == 1) {
            p.error("missing destination file operand after " + Proc.quote(ops.get(0)));
            p.tryHelp();
            return null;
        }
        String dest = ops.get(ops.size() - 1);
        Stat ds = new Stat();
        boolean destDir = p.libc.stat(dest, ds) == 0 && ds.isDir();
        if (ops.size() > 2 && !destDir) {
            p.error("target " + Proc.quote(dest) + " is not a directory");
            return null;
        }
        return new Targets(ops.subList(0, ops.size() - 1), dest, destDir);
    }

    /** Where {@code src} goes. */
    String target(String src) {
        return destDir ? Cp.join(dest, Cp.basename(src)) : dest;
    }
}
