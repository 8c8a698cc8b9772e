package org.jstap.sim.fs.ext2;

import org.jstap.sim.fs.ext2.layout.Ext2;

/**
 * struct ext2_inode_info: what ext2 keeps on a VFS inode ({@code i_private}): the fifteen block
 * pointers, the group the inode lives in, and the blocks it really occupies (data and indirect
 * blocks, in 512-byte units as i_blocks counts them on disk; the page cache's estimate in the
 * VFS inode is corrected from it).
 */
final class InodeInfo {
    final long[] i_data = new long[Ext2.EXT2_N_BLOCKS];
    int i_flags;
    long i_dtime;
    int i_block_group;
    /** i_blocks as stored on disk. */
    long i_blocks;
    int i_generation;
    /** Where the last block was allocated, so the next goes after it (i_block_alloc_info). */
    long last_alloc;
}
