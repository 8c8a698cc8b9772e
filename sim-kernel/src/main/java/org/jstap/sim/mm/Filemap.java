package org.jstap.sim.mm;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.fs.AddressSpace;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * mm/filemap.c: the page cache. File data lives in page frames indexed by file page; a read
 * copies from them, filling a missing page through the file system's {@code read_folio}; a
 * write copies into them and marks them dirty for writeback ({@code filemap_write_and_wait}).
 */
@LinuxFile("mm/filemap.c")
public final class Filemap {
    /** MAX_LFS_FILESIZE. */
    public static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;
    private static final int PAGE_SIZE = Page.PAGE_SIZE;

    private final Kernel kernel;
    private long nrCached;

    public Filemap(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Pages in all page caches (meminfo's Cached). */
    public long nr_file_pages() {
        return nrCached;
    }

    private long pa(long pfn, int off) {
        return PageAlloc.page_to_phys(pfn) + off;
    }

    /** filemap_get_folio with FGP_CREAT: the page frame for {@code index}, read in if new; -errno if none. */
    public long read_cache_page(AddressSpace mapping, long index) {
        Long pfn = mapping.i_pages.get(index);
        if (pfn != null) {
            return pfn;
        }
        long page = kernel.page_alloc().alloc_page(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO);
        if (page == PageAlloc.NO_PAGE) {
            return -Errno.ENOMEM;
        }
        Inode host = mapping.host;
        long start = index * PAGE_SIZE;
        if (mapping.a_ops != null && start < host.i_size) {
            byte[] buf = new byte[PAGE_SIZE];
            int r = mapping.a_ops.read_folio(host, index, buf);
            if (r < 0) {
                kernel.page_alloc().put_page(page);
                return r;
            }
            kernel.ram().write(pa(page, 0), buf, 0, PAGE_SIZE);
        }
        mapping.i_pages.put(index, page);
        nrCached++;
        kernel.trace().mm_filemap_add_to_page_cache(page, host.i_ino, index, host.i_sb.s_dev);
        return page;
    }

    /** set_page_dirty: a page written through a shared mapping waits for writeback. */
    public void set_page_dirty(AddressSpace mapping, long index) {
        if (mapping.a_ops != null && mapping.i_pages.containsKey(index)) {
            mapping.dirty.add(index);
            kernel.vfs().inodes().mark_inode_dirty(mapping.host);
        }
    }

    /** filemap_read: up to {@code len} bytes of the file at {@code ppos}, never past i_size. */
    public long filemap_read(File file, byte[] buf, int off, int len, long[] ppos) {
        Inode inode = file.f_inode;
        long pos = ppos[0];
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        long size = inode.i_size;
        if (pos >= size) {
            return 0;
        }
        int total = (int) Math.min(len, size - pos);
        int done = 0;
        while (done < total) {
            long p = pos + done;
            long index = p / PAGE_SIZE;
            int inPage = (int) (p % PAGE_SIZE);
            int chunk = Math.min(total - done, PAGE_SIZE - inPage);
            long page = read_cache_page(inode.i_mapping, index);
            if (page < 0) {
                if (done == 0) {
                    return page;
                }
                break;
            }
            kernel.ram().read(pa(page, inPage), buf, off + done, chunk);
            done += chunk;
        }
        ppos[0] = pos + done;
        return done;
    }

    /**
     * generic_perform_write: {@code len} bytes into the cache at {@code ppos} (the end for
     * O_APPEND), growing the file; pages become dirty when the file system has a store.
     */
    public long generic_perform_write(File file, byte[] buf, int off, int len, long[] ppos) {
        Inode inode = file.f_inode;
        long pos = (file.f_flags & Fcntl.O_APPEND) != 0 ? inode.i_size : ppos[0];
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        if (pos > MAX_LFS_FILESIZE - len) {
            return -Errno.EFBIG;
        }
        int done = 0;
        while (done < len) {
            long p = pos + done;
            long index = p / PAGE_SIZE;
            int inPage = (int) (p % PAGE_SIZE);
            int chunk = Math.min(len - done, PAGE_SIZE - inPage);
            long page = read_cache_page(inode.i_mapping, index);
            if (page < 0) {
                if (done == 0) {
                    return page;
                }
                break;
            }
            kernel.ram().write(pa(page, inPage), buf, off + done, chunk);
            if (inode.i_mapping.a_ops != null) {
                inode.i_mapping.dirty.add(index);
                kernel.vfs().inodes().mark_inode_dirty(inode);
            }
            done += chunk;
            if (p + chunk > inode.i_size) {
                inode.i_size = p + chunk;
            }
        }
        ppos[0] = pos + done;
        inode.i_mtime = inode.i_ctime = kernel.vfs().inodes().current_time();
        inode.i_blocks = (inode.i_mapping.nrpages() * PAGE_SIZE) / 512;
        return done;
    }

    /**
     * truncate_inode_pages: drop the cached pages from byte {@code from} on; the part of the page
     * holding {@code from} past it is zeroed, so a file grown again reads zeros there.
     */
    public void truncate_inode_pages(AddressSpace mapping, long from) {
        long first = (from + PAGE_SIZE - 1) / PAGE_SIZE;
        for (Long index : java.util.List.copyOf(mapping.i_pages.tailMap(first).keySet())) {
            kernel.page_alloc().put_page(mapping.i_pages.remove(index));
            mapping.dirty.remove(index);
            nrCached--;
        }
        int partial = (int) (from % PAGE_SIZE);
        Long tail = mapping.i_pages.get(from / PAGE_SIZE);
        if (partial != 0 && tail != null) {
            kernel.ram().write(pa(tail, partial), new byte[PAGE_SIZE - partial], 0, PAGE_SIZE - partial);
            if (mapping.a_ops != null) {
                mapping.dirty.add(from / PAGE_SIZE);
                kernel.vfs().inodes().mark_inode_dirty(mapping.host);
            }
        }
        mapping.host.i_blocks = (mapping.nrpages() * PAGE_SIZE) / 512;
    }

    /** filemap_write_and_wait: every dirty page goes to the store; 0 or the first -errno. */
    public int filemap_write_and_wait(AddressSpace mapping) {
        if (mapping.a_ops == null) {
            return 0;
        }
        int err = 0;
        byte[] buf = new byte[PAGE_SIZE];
        for (Long index : java.util.List.copyOf(mapping.dirty)) {
            Long page = mapping.i_pages.get(index);
            mapping.dirty.remove(index);
            if (page == null) {
                continue;
            }
            kernel.ram().read(pa(page, 0), buf, 0, PAGE_SIZE);
            int r = mapping.a_ops.writepage(mapping.host, index, buf);
            if (r < 0 && err == 0) {
                err = r;
            }
        }
        return err;
    }

    /** Drops every clean cached page of {@code mapping} (drop_caches, or an unmounted file system). */
    public void invalidate_mapping_pages(AddressSpace mapping) {
        for (Long index : java.util.List.copyOf(mapping.i_pages.keySet())) {
            if (!mapping.dirty.contains(index)) {
                kernel.page_alloc().put_page(mapping.i_pages.remove(index));
                nrCached--;
            }
        }
    }
}
