package org.jstap.sim.userland;

import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.fs.Initramfs;
import org.jstap.sim.userland.bin.Cat;
import org.jstap.sim.userland.bin.Chmod;
import org.jstap.sim.userland.bin.Cp;
import org.jstap.sim.userland.bin.Date;
import org.jstap.sim.userland.bin.Dd;
import org.jstap.sim.userland.bin.Dmesg;
import org.jstap.sim.userland.bin.Echo;
import org.jstap.sim.userland.bin.Env;
import org.jstap.sim.userland.bin.Grep;
import org.jstap.sim.userland.bin.Head;
import org.jstap.sim.userland.bin.Hostname;
import org.jstap.sim.userland.bin.Id;
import org.jstap.sim.userland.bin.Kill;
import org.jstap.sim.userland.bin.Ln;
import org.jstap.sim.userland.bin.Ls;
import org.jstap.sim.userland.bin.Mkdir;
import org.jstap.sim.userland.bin.MkfsExt2;
import org.jstap.sim.userland.bin.Mount;
import org.jstap.sim.userland.bin.Mv;
import org.jstap.sim.userland.bin.Printf;
import org.jstap.sim.userland.bin.Ps;
import org.jstap.sim.userland.bin.Pwd;
import org.jstap.sim.userland.bin.Rm;
import org.jstap.sim.userland.bin.Rmdir;
import org.jstap.sim.userland.bin.Seq;
import org.jstap.sim.userland.bin.Sh;
import org.jstap.sim.userland.bin.Sleep;
import org.jstap.sim.userland.bin.Sort;
import org.jstap.sim.userland.bin.StatCmd;
import org.jstap.sim.userland.bin.Stress;
import org.jstap.sim.userland.bin.Test;
import org.jstap.sim.userland.bin.Sync;
import org.jstap.sim.userland.bin.Time;
import org.jstap.sim.userland.bin.Touch;
import org.jstap.sim.userland.bin.True;
import org.jstap.sim.userland.bin.Uname;
import org.jstap.sim.userland.bin.Uniq;
import org.jstap.sim.userland.bin.Wc;
import org.jstap.sim.userland.bin.Yes;

/**
 * The user space the machine ships with: the programs binfmt_java can run and the initramfs
 * files that name them (/sbin/init, /bin/sh and the coreutils-like tools), over the root
 * tree of {@link RootFiles}.
 */
public final class Userland {
    private Userland() {}

    public static void install(Initramfs files, BinfmtJava binfmt) {
        RootFiles.install(files);
        install(files, binfmt, "/sbin/init", new Init());
        install(files, binfmt, "/bin/sh", new Sh());
        install(files, binfmt, "/bin/cat", new Cat());
        install(files, binfmt, "/bin/nc", new org.jstap.sim.userland.bin.Nc());
        install(files, binfmt, "/bin/ip", new org.jstap.sim.userland.bin.Ip());
        install(files, binfmt, "/bin/ping", new org.jstap.sim.userland.bin.Ping());
        install(files, binfmt, "/bin/echo", new Echo());
        install(files, binfmt, "/bin/printf", new Printf());
        install(files, binfmt, "/bin/ls", new Ls());
        install(files, binfmt, "/bin/wc", new Wc());
        install(files, binfmt, "/bin/head", new Head(false));
        install(files, binfmt, "/bin/tail", new Head(true));
        install(files, binfmt, "/bin/grep", new Grep());
        install(files, binfmt, "/bin/sort", new Sort());
        install(files, binfmt, "/bin/uniq", new Uniq());
        install(files, binfmt, "/bin/cp", new Cp());
        install(files, binfmt, "/bin/mv", new Mv());
        install(files, binfmt, "/bin/rm", new Rm());
        install(files, binfmt, "/bin/mkdir", new Mkdir());
        install(files, binfmt, "/bin/rmdir", new Rmdir());
        install(files, binfmt, "/bin/touch", new Touch());
        install(files, binfmt, "/bin/ln", new Ln());
        install(files, binfmt, "/bin/chmod", new Chmod());
        install(files, binfmt, "/bin/stat", new StatCmd());
        install(files, binfmt, "/bin/sleep", new Sleep());
        install(files, binfmt, "/bin/ps", new Ps());
        install(files, binfmt, "/bin/kill", new Kill());
        install(files, binfmt, "/bin/dmesg", new Dmesg());
        install(files, binfmt, "/bin/uname", new Uname());
        install(files, binfmt, "/bin/hostname", new Hostname());
        install(files, binfmt, "/bin/test", new Test(false));
        install(files, binfmt, "/bin/[", new Test(true));
        install(files, binfmt, "/bin/true", new True(0));
        install(files, binfmt, "/bin/false", new True(1));
        install(files, binfmt, "/bin/yes", new Yes());
        install(files, binfmt, "/bin/seq", new Seq());
        install(files, binfmt, "/bin/dd", new Dd());
        install(files, binfmt, "/bin/env", new Env());
        install(files, binfmt, "/bin/pwd", new Pwd());
        install(files, binfmt, "/bin/date", new Date());
        install(files, binfmt, "/bin/id", new Id());
        install(files, binfmt, "/bin/mount", new Mount(false));
        install(files, binfmt, "/bin/umount", new Mount(true));
        install(files, binfmt, "/sbin/mkfs.ext2", new MkfsExt2());
        install(files, binfmt, "/sbin/mke2fs", new MkfsExt2());
        install(files, binfmt, "/bin/sync", new Sync());
        install(files, binfmt, "/bin/time", new Time());
        install(files, binfmt, "/bin/stress", new Stress());
        ElfPrograms.install(files);
    }

    /** Registers {@code program} under its file's base name and puts the file at {@code path}. */
    private static void install(Initramfs files, BinfmtJava binfmt, String path, UserCode program) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        binfmt.register_program(name, program);
        files.add(path, BinfmtJava.executable(name));
    }
}
