package org.jstap.sim.mm;

/** include/linux/gfp_types.h: how an allocation may be satisfied. */
public final class Gfp {
    private Gfp() {}

    /** The caller may dip into the reserves (high priority). */
    public static final int __GFP_HIGH = 0x20;
    /** The caller cannot sleep. */
    public static final int __GFP_ATOMIC = 0x200;
    /** The caller may sleep to reclaim memory, and so may wait for the OOM killer. */
    public static final int __GFP_DIRECT_RECLAIM = 0x400;
    /** kswapd may be woken. */
    public static final int __GFP_KSWAPD_RECLAIM = 0x800;
    /** Fill the pages with zeros. */
    public static final int __GFP_ZERO = 0x100;
    /** Fail rather than invoke the OOM killer. */
    public static final int __GFP_NORETRY = 0x10000;
    /** The page goes to user space. */
    public static final int __GFP_HIGHMEM = 0x02;

    public static final int GFP_KERNEL = 0xcc0;
    public static final int GFP_ATOMIC = __GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM;
    public static final int GFP_HIGHUSER_MOVABLE = GFP_KERNEL | __GFP_HIGHMEM | 0x08;

    /** %pGg: the mask as the kernel prints it, e.g. {@code GFP_HIGHUSER_MOVABLE|__GFP_ZERO}. */
    public static String format(int gfp) {
        StringBuilder out = new StringBuilder();
        int rest = gfp;
        for (int whole : new int[] {GFP_HIGHUSER_MOVABLE, GFP_KERNEL, GFP_ATOMIC}) {
            if ((rest & whole) == whole) {
                out.append(whole == GFP_HIGHUSER_MOVABLE ? "GFP_HIGHUSER_MOVABLE"
                        : whole == GFP_KERNEL ? "GFP_KERNEL" : "GFP_ATOMIC");
                rest &= ~whole;
                break;
            }
        }
        String[] names = {"__GFP_ZERO", "__GFP_NORETRY", "__GFP_ATOMIC", "__GFP_HIGHMEM"};
        int[] bits = {__GFP_ZERO, __GFP_NORETRY, __GFP_ATOMIC, __GFP_HIGHMEM};
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                out.append(out.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            out.append(out.isEmpty() ? "" : "|").append(String.format("%#x", rest));
        }
        return out.toString();
    }
}
