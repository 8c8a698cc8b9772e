package org.jstap.sim.fs;

/**
 * A loaded ELF program, what {@code mm->exe_file} holds for it: where the file is (/proc/PID/exe)
 * and the layout binfmt_elf gave it. Its code is machine code in the address space, run by the
 * hart; a forked child shares the image with its parent.
 */
public final class ElfImage {
    /** The program file's place. */
    public final Path exe_path;
    /** e_entry. */
    public final long entry;
    /** The file as exec read it (its symbol table names functions for probes and backtraces). */
    public final byte[] file;

    public ElfImage(Path exe_path, long entry, byte[] file) {
        this.exe_path = exe_path;
        this.entry = entry;
        this.file = file;
    }
}
