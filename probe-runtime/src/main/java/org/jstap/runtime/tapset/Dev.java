package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;

/**
 * stap's dev.stp and its block-device helpers: device numbers as the kernel encodes them
 * (MKDEV: major in the bits above 20) and the disk a number names, for the {@code devname} that
 * vfs.* and ioblock.* report.
 *
 * <pre>probe ioblock.request { printf("%s %d\n", devname, sector) }</pre>
 */
public final class Dev {
    private Dev() {}

    /** MINORBITS in include/linux/kdev_t.h. */
    private static final int MINORBITS = 20;

    /**
     * __find_bdevname(dev): the name of the disk {@code dev} is, "N/A" when it is no block device
     * (ramfs, proc and other anonymous super blocks have major 0), as stap prints for them.
     */
    @Function(value = "__find_bdevname", pure = true)
    public static String find_bdevname(Context c, long dev) {
        if (dev >>> MINORBITS == 0) {
            return "N/A";
        }
        var disk = c.kernel().block().get_gendisk((int) dev);
        return disk == null ? "N/A" : disk.disk_name;
    }
}
