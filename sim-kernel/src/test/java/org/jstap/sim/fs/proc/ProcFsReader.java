package org.jstap.sim.fs.proc;

import org.jstap.sim.arch.riscv.UserMode;

/** ProcFsTest's ways of reading /proc from a program, for other packages' tests. */
public final class ProcFsReader {
    private ProcFsReader() {}

    public static String cat(UserMode cpu, String path) {
        return ProcFsTest.cat(cpu, path);
    }

    public static String ls(UserMode cpu, String path) {
        return ProcFsTest.ls(cpu, path);
    }

    public static String readlink(UserMode cpu, String path) {
        return ProcFsTest.readlink(cpu, path);
    }
}
