package org.jstap.sim.fs;

/** struct linux_binfmt: a program format exec knows; {@code load_binary} returns -ENOEXEC if not its own. */
public interface LinuxBinfmt {
    String name();

    int load_binary(LinuxBinprm bprm);
}
