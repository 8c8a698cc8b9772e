package org.jstap.sim.kernel;

/**
 * A kernel structure that lives at a kernel address: its slot in a slab cache. Scripts see this
 * address when they print a pointer ({@code $task}, {@code %p}), so pointer values repeat from
 * run to run.
 */
public interface KernelObject {
    /** The structure's kernel virtual address. */
    long kaddr();
}
