package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.PageAlloc;

/**
 * fs/proc/meminfo.c: {@code /proc/meminfo}, from the page allocator's and slab's counters. There
 * is no swap and (until file systems have a page cache) nothing cached.
 */
@LinuxFile("fs/proc/meminfo.c")
public final class Meminfo {
    private Meminfo() {}

    public static String meminfo_proc_show(Kernel kernel) {
        PageAlloc pages = kernel.page_alloc();
        long total = pages.totalram_pages();
        long free = pages.nr_free_pages();
        long slab = kernel.slab().slab_pages();
        long committed = 0;
        for (var p : kernel.pid().processes()) {
            MmStruct mm = p.mm;
            if (mm != null) {
                committed += mm.total_vm;
            }
        }
        StringBuilder out = new StringBuilder();
        show(out, "MemTotal", total);
        show(out, "MemFree", free);
        show(out, "MemAvailable", free);
        show(out, "Buffers", 0);
        show(out, "Cached", 0);
        show(out, "SwapCached", 0);
        show(out, "AnonPages", pages.nr_pages_flagged(PageAlloc.PG_ANON));
        show(out, "Slab", slab);
        show(out, "SReclaimable", 0);
        show(out, "SUnreclaim", slab);
        show(out, "PageTables", pages.nr_pages_flagged(PageAlloc.PG_PGTABLE));
        show(out, "SwapTotal", 0);
        show(out, "SwapFree", 0);
        show(out, "CommitLimit", total / 2);
        show(out, "Committed_AS", committed);
        return out.toString();
    }

    /** show_val_kb: the name, padded, and the pages in kB right-aligned in eight columns. */
    private static void show(StringBuilder out, String name, long pages) {
        out.append(String.format("%-16s%8d kB%n", name + ":", pages * 4));
    }
}
