package org.jstap.sim;

/**
 * include/asm-generic/param.h and friends: the kernel's fixed parameters, one place, one
 * comment each.
 *
 * @param hz timer ticks per second (CONFIG_HZ); jiffies advance at this rate
 */
public record KernelParams(int hz) {
    /** The simulated kernel's defaults. */
    public static final KernelParams DEFAULTS = new KernelParams(250);
}
