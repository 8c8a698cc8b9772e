package org.jstap.sim.mm;

/** include/linux/gfp_types.h: how an allocation may be satisfied. */
public final class Gfp {
    private Gfp() {}

    /** The caller may not sleep: never wait for, or kill to make, free memory. */
    public static final int __GFP_ATOMIC = 0x800;
    /** Fill the pages with zeros. */
    public static final int __GFP_ZERO = 0x100;
    /** Fail rather than invoke the OOM killer. */
    public static final int __GFP_NORETRY = 0x10000;
    /** The page goes to user space. */
    public static final int __GFP_HIGHMEM = 0x02;

    public static final int GFP_KERNEL = 0xcc0;
    public static final int GFP_ATOMIC = __GFP_ATOMIC | 0x20;
    public static final int GFP_HIGHUSER_MOVABLE = GFP_KERNEL | __GFP_HIGHMEM | 0x08;
}
