package org.jstap.sim.fs;

import java.util.TreeMap;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/char_dev.c: character device numbers and their drivers. A device special file's inode gets
 * {@code def_chr_fops}, whose open looks the device number up ({@code chrdev_open}) and hands the
 * file to the driver's operations.
 */
@LinuxFile("fs/char_dev.c")
public final class CharDev {
    /** A driver's range of minors under one major. */
    private record Region(int major, int baseminor, int count, String name, FileOperations fops) {}

    private final TreeMap<Integer, Region> chrdevs = new TreeMap<>();

    /** register_chrdev_region + cdev_add: {@code count} minors from {@code baseminor} go to {@code fops}. */
    public int register_chrdev(int major, int baseminor, int count, String name, FileOperations fops) {
        int first = Super.MKDEV(major, baseminor);
        var below = chrdevs.floorEntry(first + count - 1);
        if (below != null && below.getKey() + below.getValue().count() > first) {
            return -Errno.EBUSY;
        }
        chrdevs.put(first, new Region(major, baseminor, count, name, fops));
        return 0;
    }

    /** The driver operations for device {@code dev}, or null. */
    public FileOperations lookup(int dev) {
        var e = chrdevs.floorEntry(dev);
        if (e == null || e.getKey() + e.getValue().count() <= dev) {
            return null;
        }
        return e.getValue().fops();
    }

    /** def_chr_fops: opening a device special file. */
    public final FileOperations DEF_CHR_FOPS = new FileOperations() {
        @Override
        public int open(Inode inode, File file) {
            return chrdev_open(inode, file);
        }
    };

    /** chrdev_open: ENXIO for a number no driver has. */
    int chrdev_open(Inode inode, File file) {
        FileOperations fops = lookup(inode.i_rdev);
        if (fops == null) {
            return -Errno.ENXIO;
        }
        file.f_op = fops;
        return fops.open(inode, file);
    }

    /** /proc/devices' character part. */
    public String proc_devices() {
        StringBuilder out = new StringBuilder("Character devices:\n");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Region r : chrdevs.values()) {
            if (seen.add(r.major() + " " + r.name())) {
                out.append(String.format("%3d %s%n", r.major(), r.name()));
            }
        }
        return out.toString();
    }
}
