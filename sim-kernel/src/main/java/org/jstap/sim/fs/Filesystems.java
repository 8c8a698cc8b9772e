package org.jstap.sim.fs;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/** fs/filesystems.c: the registered file system types, and /proc/filesystems. */
@LinuxFile("fs/filesystems.c")
public final class Filesystems {
    private final List<FileSystemType> file_systems = new ArrayList<>();

    /** register_filesystem: 0, or -EBUSY if the name is taken. */
    public int register_filesystem(FileSystemType fs) {
        if (get_fs_type(fs.name()) != null) {
            return -Errno.EBUSY;
        }
        file_systems.add(fs);
        return 0;
    }

    /** get_fs_type: the type called {@code name}, or null. */
    public FileSystemType get_fs_type(String name) {
        for (FileSystemType fs : file_systems) {
            if (fs.name().equals(name)) {
                return fs;
            }
        }
        return null;
    }

    /** /proc/filesystems: "nodev" marks types that need no device. */
    public String proc_filesystems() {
        StringBuilder out = new StringBuilder();
        for (FileSystemType fs : file_systems) {
            out.append((fs.fs_flags() & FileSystemType.FS_REQUIRES_DEV) != 0 ? "" : "nodev")
                    .append('\t').append(fs.name()).append('\n');
        }
        return out.toString();
    }
}
