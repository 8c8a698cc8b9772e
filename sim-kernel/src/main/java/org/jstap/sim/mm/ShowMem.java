package org.jstap.sim.mm;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * mm/show_mem.c's si_meminfo: the memory figures of sysinfo(2), in pages. Shared memory is what
 * shared anonymous mappings hold (NR_SHMEM); buffers would be block-device page cache, which
 * this kernel does not keep, so there are none.
 */
@LinuxFile("mm/show_mem.c")
public final class ShowMem {
    /** The part of struct sysinfo si_meminfo fills, in units of {@code mem_unit} bytes (a page). */
    public record MemInfo(long totalram, long sharedram, long freeram, long bufferram, int mem_unit) {}

    private ShowMem() {}

    public static MemInfo si_meminfo(Kernel kernel) {
        PageAlloc pages = kernel.page_alloc();
        return new MemInfo(pages.totalram_pages(), nrShmem(kernel), pages.nr_free_pages(), 0,
                org.jstap.sim.arch.riscv.Page.PAGE_SIZE);
    }

    /** global_node_page_state(NR_SHMEM): the pages of every shared anonymous object, each counted once. */
    static long nrShmem(Kernel kernel) {
        Set<Shmem> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long total = 0;
        for (TaskStruct p : kernel.pid().processes()) {
            if (p.mm == null) {
                continue;
            }
            for (VmAreaStruct vma : p.mm.mm_mt.values()) {
                if (vma.shared != null && seen.add(vma.shared)) {
                    total += vma.shared.pages.size();
                }
            }
        }
        return total;
    }
}
