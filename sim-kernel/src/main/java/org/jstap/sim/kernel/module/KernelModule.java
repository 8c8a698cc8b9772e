package org.jstap.sim.kernel.module;

import org.jstap.sim.Kernel;

/**
 * A loadable module written in Java: what {@code module_init} and {@code module_exit} name in C.
 * A compiled SystemTap script is one of these.
 */
public interface KernelModule {
    /** The name {@code /proc/modules} shows. */
    String name();

    /** module_init: 0 on success or a negative errno, which makes the load fail. */
    int init(Kernel kernel);

    /** module_exit: undo everything init did. */
    void exit();

    /** Bytes of code and data the module brings (its class files); rounded up to pages when loaded. */
    default long size() {
        return 4096;
    }
}
