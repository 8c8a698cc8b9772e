package org.jstap.sim.userland;

import org.jstap.sim.fs.Initramfs;

/**
 * The directories and configuration files of the root file system, as a small distribution's
 * initramfs carries them: the usual tree, /etc's account and host files, and a world-writable,
 * sticky /tmp.
 */
final class RootFiles {
    private RootFiles() {}

    static void install(Initramfs files) {
        for (String dir : new String[] {"/bin", "/sbin", "/dev", "/etc", "/home", "/lib", "/mnt", "/proc", "/run",
            "/srv", "/sys", "/usr", "/usr/bin", "/var", "/var/log"}) {
            files.mkdir(dir, 0755);
        }
        files.mkdir("/root", 0700);
        files.mkdir("/tmp", 01777);
        files.mkdir("/home/user", 0755);
        files.add("/etc/hostname", "jstap\n");
        files.add("/etc/motd", "Welcome to jstap's simulated Linux machine.\n");
        files.add("/etc/passwd", """
                root:x:0:0:root:/root:/bin/sh
                daemon:x:1:1:daemon:/usr/sbin:/sbin/nologin
                bin:x:2:2:bin:/bin:/sbin/nologin
                sys:x:3:3:sys:/dev:/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
                user:x:1000:1000:user:/home/user:/bin/sh
                """);
        files.add("/etc/group", """
                root:x:0:
                daemon:x:1:
                bin:x:2:
                sys:x:3:
                tty:x:5:
                users:x:100:user
                nogroup:x:65534:
                user:x:1000:
                """);
        files.add("/etc/shadow", "root::19000:0:99999:7:::\nuser::19000:0:99999:7:::\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0640);
        files.add("/etc/fstab", """
                # <file system> <mount point> <type> <options> <dump> <pass>
                proc /proc proc defaults 0 0
                tmpfs /tmp tmpfs defaults 0 0
                """);
        files.add("/etc/profile", "export PATH=/bin:/sbin:/usr/bin\nexport HOME=/root\n");
        files.add("/etc/issue", "jstap simulated Linux \\r (\\l)\n\n");
        files.add("/etc/os-release", """
                NAME="jstap"
                ID=jstap
                PRETTY_NAME="jstap simulated Linux"
                VERSION_ID="1"
                """);
        files.symlink("/etc/mtab", "/proc/self/mounts");
        install_workload(files);
    }

    /**
     * The default workload, what init starts from /etc/rc when it was given no command: a few
     * daemons doing periodic I/O, written as shell scripts so every step is a real fork, exec,
     * open, read, write and sleep. syslogd copies the kernel log to /var/log/messages every 10
     * seconds; updated syncs every 5 seconds and records the uptime in /run/uptime every 2;
     * crond runs /etc/cron.minutely once a minute (a timer-driven job appending to
     * /var/log/cron.log).
     */
    private static void install_workload(Initramfs files) {
        files.add("/etc/rc", """
                #!/bin/sh
                # /etc/rc: started by init when it has no command to run; daemons keep off the console
                /sbin/syslogd < /dev/null > /dev/null 2>&1 &
                /sbin/updated < /dev/null > /dev/null 2>&1 &
                /sbin/crond < /dev/null > /dev/null 2>&1 &
                """);
        files.add("/sbin/syslogd", """
                #!/bin/sh
                # syslogd: the kernel's log in /var/log/messages
                while true; do
                    dmesg > /var/log/messages
                    sleep 10
                done
                """);
        files.add("/sbin/updated", """
                #!/bin/sh
                # updated: dirty data to disk every 5 seconds, the uptime in /run/uptime every 2
                n=0
                while true; do
                    cat /proc/uptime > /run/uptime
                    n=$((n + 1))
                    if [ $((n % 3)) -eq 0 ]; then
                        sync
                    fi
                    sleep 2
                done
                """);
        files.add("/sbin/crond", """
                #!/bin/sh
                # crond: /etc/cron.minutely once a minute
                while true; do
                    sleep 60
                    sh /etc/cron.minutely >> /var/log/cron.log 2>&1
                done
                """);
        files.add("/etc/cron.minutely", """
                #!/bin/sh
                date
                """);
    }
}
