package org.jstap.sim.userland;

import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.fs.Initramfs;

/**
 * The user space the machine ships with: the programs binfmt_java can run and the initramfs
 * files that name them.
 */
public final class Userland {
    private Userland() {}

    public static void install(Initramfs files, BinfmtJava binfmt) {
        RootFiles.install(files);
        binfmt.register_program("init", new Init());
        files.add("/sbin/init", BinfmtJava.executable("init"));
    }
}
