package org.jstap.runtime.tapset;

import org.jstap.sim.mm.Gfp;

/**
 * The C helpers of stap's memory.stp: allocation flags as the kernel names them, for
 * {@code vm.kmalloc}'s gfp_flag_name.
 */
public final class Vm {
    private Vm() {}

    /** __gfp_flag_str(flags): {@code GFP_KERNEL|__GFP_ZERO}, as %pGg prints the mask. */
    @Function(value = "__gfp_flag_str", pure = true)
    public static String gfp_flag_str(long flags) {
        return Gfp.format((int) flags);
    }
}
