package org.jstap.sim.fs;

import java.util.BitSet;

/**
 * struct files_struct (include/linux/fdtable.h): a task's descriptor table: the open file behind
 * each number, which close on exec, and where the search for a free number starts
 * ({@code next_fd}). Tasks created with CLONE_FILES share one ({@code count}).
 */
public final class FilesStruct {
    /** NR_OPEN: the most descriptors a table can ever hold (fs.nr_open). */
    public static final int NR_OPEN = 1 << 20;
    /** BITS_PER_LONG: the descriptors the table embedded in files_struct holds. */
    static final int NR_OPEN_DEFAULT = 64;

    File[] fd = new File[NR_OPEN_DEFAULT];
    /**
     * The kmalloc'ed fdtable once the table outgrew the embedded one (fdtab, NR_OPEN_DEFAULT
     * slots): the struct, its fd array and its bitmaps; all 0 while the embedded one serves.
     */
    long fdt;
    long fdt_fd;
    long fdt_bits;
    final BitSet close_on_exec = new BitSet();
    int next_fd;
    public int count = 1;

    /** The file at {@code fd}, or null. */
    public File fcheck(int n) {
        return n >= 0 && n < fd.length ? fd[n] : null;
    }

    /** The highest descriptor in use plus one. */
    public int max_fds() {
        int n = fd.length;
        while (n > 0 && fd[n - 1] == null) {
            n--;
        }
        return n;
    }

    public boolean close_on_exec(int n) {
        return close_on_exec.get(n);
    }

    /** The table now has {@code size} slots (Files.expand_fdtable sized and allocated them). */
    void resize(int size) {
        fd = java.util.Arrays.copyOf(fd, size);
    }
}
