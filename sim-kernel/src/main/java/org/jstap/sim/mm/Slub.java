package org.jstap.sim.mm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.kernel.LinuxFile;

/**
 * mm/slub.c: object caches carved out of pages. Each {@link KmemCache} holds slabs of
 * 2^order pages cut into equal objects; {@code kmalloc} serves sizes from the kmalloc-N caches
 * and larger ones straight from the page allocator. Objects are kernel addresses in the linear
 * map. Kernel structures are Java objects here, but each one takes its slot in its cache, so
 * {@code /proc/slabinfo} counts them and their addresses are the same on every run.
 */
@LinuxFile("mm/slub.c")
public final class Slub {
    /** slub_max_order: slabs are at most 8 pages. */
    static final int SLUB_MAX_ORDER = 3;
    /** The kmalloc size classes (kmalloc-8 ... kmalloc-8k). */
    private static final int[] KMALLOC_SIZES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

    /** One slab: a block of pages and which of its objects are in use. */
    static final class Slab {
        final KmemCache cache;
        final long pfn;
        final BitSet inuse = new BitSet();
        int count;

        Slab(KmemCache cache, long pfn) {
            this.cache = cache;
            this.pfn = pfn;
        }
    }

    /** struct kmem_cache: objects of one size. Guarded by the machine's single running thread. */
    public static final class KmemCache {
        final String name;
        final int objectSize;
        final int size;
        final int order;
        final int objects;
        /** Slabs with a free object, lowest address first, so allocation order is reproducible. */
        final java.util.TreeMap<Long, Slab> partial = new java.util.TreeMap<>();
        final Map<Long, Slab> slabs = new HashMap<>();
        long active;

        KmemCache(String name, int objectSize, int minObjects) {
            this.name = name;
            this.objectSize = objectSize;
            this.size = (objectSize + 7) & ~7;
            int o = 0;
            while (o < SLUB_MAX_ORDER && (Page.PAGE_SIZE << o) / size < minObjects) {
                o++;
            }
            while ((Page.PAGE_SIZE << o) / size < 1) {
                o++;
            }
            this.order = o;
            this.objects = (Page.PAGE_SIZE << o) / size;
        }

        public String name() {
            return name;
        }

        /** Objects in use. */
        public long active_objs() {
            return active;
        }

        public long num_slabs() {
            return slabs.size();
        }
    }

    private final Kernel kernel;
    private final PageAlloc pages;
    private final int minObjects;
    private final List<KmemCache> caches = new ArrayList<>();
    /** The slab each slab page belongs to (the page's slab pointer). */
    private final Map<Long, Slab> slabOfPage = new HashMap<>();
    /** Sizes of kmalloc blocks too large for a cache, by address. */
    private final Map<Long, Integer> largeOrder = new HashMap<>();
    private final KmemCache[] kmallocCaches = new KmemCache[KMALLOC_SIZES.length];

    public Slub(Kernel kernel, PageAlloc pages, int cpus) {
        this.kernel = kernel;
        this.pages = pages;
        // calculate_order: slabs hold at least 4 * (fls(nr_cpu_ids) + 1) objects where they can
        this.minObjects = 4 * (32 - Integer.numberOfLeadingZeros(cpus) + 1);
        for (int i = 0; i < KMALLOC_SIZES.length; i++) {
            int s = KMALLOC_SIZES[i];
            kmallocCaches[i] = kmem_cache_create(s >= 1024 ? "kmalloc-" + (s / 1024) + "k" : "kmalloc-" + s, s);
        }
    }

    /** kmem_cache_create: a cache of {@code size}-byte objects. */
    public KmemCache kmem_cache_create(String name, int size) {
        KmemCache c = new KmemCache(name, size, minObjects);
        caches.add(c);
        return c;
    }

    /** kmem_cache_alloc: the address of a free object, or 0 when no page can be had. */
    public long kmem_cache_alloc(KmemCache c, int gfp) {
        long addr = slab_alloc(c, gfp);
        kernel.trace().kmem_cache_alloc(addr, c.objectSize, c.size, gfp, c.name);
        return addr;
    }

    private long slab_alloc(KmemCache c, int gfp) {
        Slab slab = c.partial.isEmpty() ? new_slab(c, gfp) : c.partial.firstEntry().getValue();
        if (slab == null) {
            return 0;
        }
        int index = slab.inuse.nextClearBit(0);
        slab.inuse.set(index);
        slab.count++;
        c.active++;
        if (slab.count == c.objects) {
            c.partial.remove(slab.pfn);
        }
        return Page.pfn_to_virt(slab.pfn) + (long) index * c.size;
    }

    private Slab new_slab(KmemCache c, int gfp) {
        long pfn = pages.alloc_pages(gfp & ~Gfp.__GFP_ZERO, c.order);
        if (pfn == PageAlloc.NO_PAGE) {
            return null;
        }
        pages.page_set_flag(pfn, PageAlloc.PG_SLAB);
        Slab slab = new Slab(c, pfn);
        c.slabs.put(pfn, slab);
        c.partial.put(pfn, slab);
        for (int k = 0; k < 1 << c.order; k++) {
            slabOfPage.put(pfn + k, slab);
        }
        return slab;
    }

    /** kmem_cache_free: returns an object; an empty slab goes back to the page allocator. */
    public void kmem_cache_free(KmemCache c, long addr) {
        kernel.trace().kmem_cache_free(addr, c.name);
        Slab slab = slabOfPage.get(Page.virt_to_pfn(addr));
        if (slab == null || slab.cache != c) {
            throw new IllegalStateException("BUG " + c.name + ": free of 0x" + Long.toHexString(addr)
                    + ", not an object of this cache");
        }
        slab_free(slab, addr);
    }

    private void slab_free(Slab slab, long addr) {
        KmemCache c = slab.cache;
        long offset = addr - Page.pfn_to_virt(slab.pfn);
        int index = (int) (offset / c.size);
        if (offset % c.size != 0 || !slab.inuse.get(index)) {
            throw new IllegalStateException("BUG " + c.name + ": invalid or double free of 0x" + Long.toHexString(addr));
        }
        slab.inuse.clear(index);
        slab.count--;
        c.active--;
        if (slab.count == 0) {
            c.partial.remove(slab.pfn);
            c.slabs.remove(slab.pfn);
            for (int k = 0; k < 1 << c.order; k++) {
                slabOfPage.remove(slab.pfn + k);
            }
            pages.__free_pages(slab.pfn, c.order);
        } else {
            c.partial.put(slab.pfn, slab);
        }
    }

    /** kmalloc: {@code size} bytes from the smallest kmalloc cache that fits, or whole pages. */
    public long kmalloc(long size, int gfp) {
        long addr;
        int alloc;
        KmemCache c = kmalloc_slab(size);
        if (size <= 0) {
            return 0;
        } else if (c != null) {
            addr = slab_alloc(c, gfp);
            alloc = c.size;
        } else {
            int order = 0;
            while ((long) Page.PAGE_SIZE << order < size) {
                order++;
            }
            long pfn = pages.alloc_pages(gfp, order);
            addr = pfn == PageAlloc.NO_PAGE ? 0 : Page.pfn_to_virt(pfn);
            if (addr != 0) {
                largeOrder.put(addr, order);
            }
            alloc = Page.PAGE_SIZE << order;
        }
        if (kernel.trace().kmalloc_enabled()) {
            kernel.trace().kmalloc(org.jstap.sim.kernel.Kallsyms.ret_ip(Slub.class), addr, size, addr == 0 ? 0 : alloc,
                    gfp);
        }
        return addr;
    }

    private KmemCache kmalloc_slab(long size) {
        for (int i = 0; i < KMALLOC_SIZES.length; i++) {
            if (size <= KMALLOC_SIZES[i]) {
                return kmallocCaches[i];
            }
        }
        return null;
    }

    /** kzalloc: kmalloc with __GFP_ZERO (the kernel's Java objects start zeroed anyway). */
    public long kzalloc(long size, int gfp) {
        return kmalloc(size, gfp | Gfp.__GFP_ZERO);
    }

    /** kcalloc: an array of {@code n} elements of {@code size} bytes, zeroed; 0 on overflow. */
    public long kcalloc(long n, long size, int gfp) {
        if (size != 0 && n > Long.MAX_VALUE / size) {
            return 0;
        }
        return kzalloc(n * size, gfp);
    }

    /** kfree: frees what kmalloc returned; kfree(0) does nothing. */
    public void kfree(long addr) {
        if (addr == 0) {
            return;
        }
        if (kernel.trace().kfree_enabled()) {
            kernel.trace().kfree(org.jstap.sim.kernel.Kallsyms.ret_ip(Slub.class), addr);
        }
        Integer order = largeOrder.remove(addr);
        if (order != null) {
            pages.__free_pages(Page.virt_to_pfn(addr), order);
            return;
        }
        Slab slab = slabOfPage.get(Page.virt_to_pfn(addr));
        if (slab == null) {
            throw new IllegalStateException("BUG: kfree of 0x" + Long.toHexString(addr) + ", not a kmalloc address");
        }
        slab_free(slab, addr);
    }

    /** ksize: the usable size of the block kmalloc returned at {@code addr} (its size class, or its pages). */
    public long ksize(long addr) {
        Integer order = largeOrder.get(addr);
        if (order != null) {
            return (long) Page.PAGE_SIZE << order;
        }
        Slab slab = slabOfPage.get(Page.virt_to_pfn(addr));
        if (slab == null) {
            throw new IllegalStateException("BUG: ksize of 0x" + Long.toHexString(addr) + ", not a kmalloc address");
        }
        return slab.cache.size;
    }

    public List<KmemCache> caches() {
        return List.copyOf(caches);
    }

    /** Pages held by all slabs (the Slab: line of /proc/meminfo). */
    public long slab_pages() {
        long n = 0;
        for (KmemCache c : caches) {
            n += (long) c.slabs.size() << c.order;
        }
        return n;
    }

    /** /proc/slabinfo, version 2.1, as SLUB prints it (no tunables). */
    public String proc_slabinfo() {
        StringBuilder out = new StringBuilder("slabinfo - version: 2.1\n");
        out.append("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> "
                + "<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
        for (int i = caches.size() - 1; i >= 0; i--) {
            KmemCache c = caches.get(i);
            long slabs = c.slabs.size();
            out.append(String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d%n", c.name,
                    c.active, slabs * c.objects, c.size, c.objects, 1 << c.order, 0, 0, 0, slabs, slabs, 0));
        }
        return out.toString();
    }
}
