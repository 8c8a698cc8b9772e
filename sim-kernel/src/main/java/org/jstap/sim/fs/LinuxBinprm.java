package org.jstap.sim.fs;

import java.util.List;
import org.jstap.sim.mm.MmStruct;

/**
 * struct linux_binprm: an exec in progress: the file, its first bytes for the format handlers to
 * recognise, the arguments and environment, and the new address space being built.
 */
public final class LinuxBinprm {
    /** BINPRM_BUF_SIZE: how much of the file the handlers look at. */
    public static final int BINPRM_BUF_SIZE = 256;

    public final String filename;
    public final byte[] file;
    public final byte[] buf;
    public final List<String> argv;
    public final List<String> envp;
    public MmStruct mm;
    /** The new stack pointer once the arguments are on the stack. */
    public long p;

    LinuxBinprm(String filename, byte[] file, List<String> argv, List<String> envp) {
        this.filename = filename;
        this.file = file;
        this.buf = java.util.Arrays.copyOf(file, Math.min(file.length, BINPRM_BUF_SIZE));
        this.argv = argv;
        this.envp = envp;
    }
}
