package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/proc/proc_sysctl.c: /proc/sys, here the UTS names of kernel/utsname_sysctl.c under
 * sys/kernel: hostname (which root may set, up to 64 bytes), ostype and osrelease.
 */
@LinuxFile("fs/proc/proc_sysctl.c")
public final class ProcSysctl {
    /** __NEW_UTS_LEN. */
    static final int NEW_UTS_LEN = 64;

    /** utsname()->nodename lives in the machine's uts namespace, which uname and sethostname see too. */
    private final Kernel kernel;

    private ProcSysctl(Kernel kernel) {
        this.kernel = kernel;
    }

    /** proc_sys_init: /proc/sys/kernel and its entries. */
    static void proc_sys_init(Kernel kernel, Generic generic, ProcEntry root) {
        ProcSysctl uts = new ProcSysctl(kernel);
        ProcEntry kern = generic.proc_mkdir("kernel", generic.proc_mkdir("sys", root));
        generic.proc_create_single("hostname", 0644, kern, i -> kernel.utsname().nodename() + "\n")
                .writable(uts::proc_dostring);
        generic.proc_create_single("ostype", 0444, kern, i -> "Linux\n");
        generic.proc_create_single("osrelease", 0444, kern, i -> Kernel.RELEASE + "\n");
        generic.proc_create_single("pid_max", 0444, kern, i -> kernel.pid().pid_max() + "\n");
    }

    /** proc_dostring for the host name: up to the first newline; too long is EINVAL. */
    private int proc_dostring(ProcInodeInfo info, String text) {
        int nl = text.indexOf('\n');
        String s = nl < 0 ? text : text.substring(0, nl);
        if (s.length() > NEW_UTS_LEN) {
            return -Errno.EINVAL;
        }
        byte[] name = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        kernel.utsname().setNodename(name, name.length);
        return 0;
    }
}
