package org.jstap.sim.fs;

/**
 * struct address_space_operations: how a file system moves page cache pages to and from its
 * backing store. A file system without one (ramfs) keeps its data only in the cache.
 */
public interface AddressSpaceOperations {
    /** read_folio: fill page {@code index} of the file into {@code buf} (PAGE_SIZE bytes); 0 or -errno. */
    int read_folio(Inode inode, long index, byte[] buf);

    /** writepage: store page {@code index} ({@code buf}, of which the file holds the first bytes up to i_size). */
    int writepage(Inode inode, long index, byte[] buf);
}
