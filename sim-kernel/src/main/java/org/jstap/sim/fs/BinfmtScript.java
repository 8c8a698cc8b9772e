package org.jstap.sim.fs;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/binfmt_script.c: files starting with "#!". The first line names an interpreter and at most
 * one argument; the interpreter runs with the script's path in place of argv[0]
 * ({@code interp [arg] script args...}), found and loaded by the same search.
 */
@LinuxFile("fs/binfmt_script.c")
public final class BinfmtScript implements LinuxBinfmt {
    private final Kernel kernel;

    public BinfmtScript(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public int load_binary(LinuxBinprm bprm) {
        if (bprm.buf.length < 2 || bprm.buf[0] != '#' || bprm.buf[1] != '!') {
            return -Errno.ENOEXEC;
        }
        String head = new String(bprm.buf, 2, bprm.buf.length - 2, StandardCharsets.ISO_8859_1);
        int nl = head.indexOf('\n');
        if (nl < 0 && bprm.buf.length == LinuxBinprm.BINPRM_BUF_SIZE) {
            // the interpreter line does not fit the buffer
            return -Errno.ENOEXEC;
        }
        String line = (nl < 0 ? head : head.substring(0, nl)).strip();
        if (line.isEmpty()) {
            return -Errno.ENOEXEC;
        }
        int sp = indexOfBlank(line);
        String interp = sp < 0 ? line : line.substring(0, sp);
        String arg = sp < 0 ? "" : line.substring(sp).strip();
        // argv[0] gives way to: interpreter, its argument, the script's path
        if (!bprm.argv.isEmpty()) {
            bprm.argv.remove(0);
        }
        bprm.argv.add(0, bprm.filename);
        if (!arg.isEmpty()) {
            bprm.argv.add(0, arg);
        }
        bprm.argv.add(0, interp);
        int[] err = new int[1];
        Path[] where = new Path[1];
        byte[] file = kernel.exec().open_exec(interp, err, where);
        if (file == null) {
            return err[0];
        }
        bprm.set_file(file);
        bprm.file_path = where[0];
        bprm.interp = interp;
        bprm.depth++;
        return kernel.exec().search_binary_handler(bprm);
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
