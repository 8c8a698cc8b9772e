package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/** fs/proc/version.c: /proc/version, the banner the kernel prints first at boot (linux_banner). */
@LinuxFile("fs/proc/version.c")
public final class Version {
    /** linux_banner (init/version.c), without its newline. */
    public static final String LINUX_BANNER = "Linux version " + Kernel.RELEASE + " (jstap@sim) (javac) #1 SMP "
            + Kernel.MACHINE;

    private Version() {}

    public static String version_proc_show() {
        return LINUX_BANNER + "\n";
    }
}
