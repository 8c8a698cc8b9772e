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
    public byte[] file;
    /** Where the file to load is (the interpreter's, once a script hands over to it). */
    public Path file_path;
    public byte[] buf;
    public final List<String> argv;
    /** The program's name as the task will carry it (the script's, not its interpreter's). */
    public String interp;
    /** Interpreters gone through so far. */
    public int depth;
    public final List<String> envp;
    public MmStruct mm;
    /** The new stack pointer once the arguments are on the stack. */
    public long p;

    LinuxBinprm(String filename, byte[] file, List<String> argv, List<String> envp) {
        this.filename = filename;
        this.argv = new java.util.ArrayList<>(argv);
        this.envp = envp;
        set_file(file);
    }

    /** The file to load changes (an interpreter replaces a script). */
    public void set_file(byte[] content) {
        this.file = content;
        this.buf = java.util.Arrays.copyOf(content, Math.min(content.length, BINPRM_BUF_SIZE));
    }
}
