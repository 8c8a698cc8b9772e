package org.jstap.sim.fs;

import java.util.TreeMap;
import java.util.TreeSet;

/**
 * struct address_space: the page cache of one inode, file page index to the page frame that holds
 * it, and which pages are dirty (written, not yet on the backing store). The file system's
 * {@code a_ops} fill a page from its store and write one back; ramfs has no store, so its pages
 * are the data.
 */
public final class AddressSpace {
    public final Inode host;
    /** i_pages: page index -> page frame number. */
    public final TreeMap<Long, Long> i_pages = new TreeMap<>();
    /** Pages tagged PAGECACHE_TAG_DIRTY. */
    public final TreeSet<Long> dirty = new TreeSet<>();
    public AddressSpaceOperations a_ops;

    AddressSpace(Inode host) {
        this.host = host;
    }

    /** nrpages. */
    public long nrpages() {
        return i_pages.size();
    }

    public boolean has_dirty() {
        return !dirty.isEmpty();
    }
}
