package org.jstap.sim.fs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * fs/super.c: super blocks. {@code alloc_super} makes one for a file system type; file systems
 * without a device take an anonymous device number (major 0, {@code get_anon_bdev});
 * {@code deactivate_super} ends one when its last mount goes.
 */
@LinuxFile("fs/super.c")
public final class Super {
    private final Kernel kernel;
    private final Slub.KmemCache sbCache;
    private final BitSet anonMinors = new BitSet();
    /** super_blocks: every live super block, oldest first. */
    private final List<SuperBlock> superBlocks = new ArrayList<>();

    Super(Kernel kernel) {
        this.kernel = kernel;
        this.sbCache = kernel.slab().kmem_cache_create("super_block", 1536);
    }

    /** MKDEV. */
    public static int MKDEV(int major, int minor) {
        return (major << 20) | minor;
    }

    public static int MAJOR(int dev) {
        return dev >>> 20;
    }

    public static int MINOR(int dev) {
        return dev & 0xfffff;
    }

    /** new_encode_dev: the dev_t user space sees in st_dev/st_rdev. */
    public static long new_encode_dev(int dev) {
        long major = MAJOR(dev);
        long minor = MINOR(dev);
        return (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
    }

    /** get_anon_bdev: the next free minor of major 0. */
    int get_anon_bdev() {
        int minor = anonMinors.nextClearBit(1);
        anonMinors.set(minor);
        return MKDEV(0, minor);
    }

    /** alloc_super for a device ({@code dev}), or an anonymous one when dev is 0. */
    public SuperBlock alloc_super(FileSystemType type, int dev) {
        long kaddr = kernel.slab().kmem_cache_alloc(sbCache, Gfp.GFP_KERNEL);
        SuperBlock sb = new SuperBlock(type, dev == 0 ? get_anon_bdev() : dev, kaddr);
        superBlocks.add(sb);
        return sb;
    }

    /** deactivate_super: the last mount of {@code sb} is gone. */
    public void deactivate_super(SuperBlock sb) {
        if (--sb.s_active > 0) {
            return;
        }
        sb.s_op.sync_fs(sb);
        sb.s_op.put_super(sb);
        sb.s_type.kill_sb(sb);
        superBlocks.remove(sb);
        if (MAJOR(sb.s_dev) == 0) {
            anonMinors.clear(MINOR(sb.s_dev));
        }
        kernel.slab().kmem_cache_free(sbCache, sb.kaddr);
    }

    public List<SuperBlock> super_blocks() {
        return List.copyOf(superBlocks);
    }
}
