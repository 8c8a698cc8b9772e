package org.jstap.sim.userland;

import java.util.List;

/**
 * /sbin/init: the first program. It makes /dev/console its stdin, stdout and stderr, brings lo
 * up (as systemd's PID 1 does before anything else, in loopback_setup; the kernel then gives lo
 * 127.0.0.1/8 itself, in inetdev_event), runs the
 * command it was given (the kernel passes command-line words it does not know to init) or else
 * /etc/rc (the default workload's daemons), and
 * then reaps whatever is handed to it (orphans are reparented to pid 1), otherwise sleeping; its
 * SIGCHLD handler ends the sleep so zombies do not wait.
 */
public final class Init extends Program {
    private static final int SIGCHLD = 17;
    private static final long SA_RESTART = 0x10000000;

    @Override
    protected int main(Proc p) {
        Libc libc = p.libc;
        long fd = libc.open("/dev/console", Libc.O_RDWR, 0);
        if (fd == 0) {
            libc.dup(0);
            libc.dup(0);
        } else if (fd > 0) {
            // the kernel's descriptors were there already: the fresh open replaces them
            for (int i = 0; i <= 2; i++) {
                if (fd != i) {
                    libc.dup3((int) fd, i, 0);
                }
            }
            if (fd > 2) {
                libc.close((int) fd);
            }
        }
        loopback_setup(libc);
        libc.sigaction(SIGCHLD, c -> 0, SA_RESTART, 0);
        List<String> command = p.args();
        if (command.isEmpty() && libc.faccessat(Libc.AT_FDCWD, "/etc/rc", 0) == 0) {
            // no command: the machine's default workload, as rc starts a system's daemons
            command = List.of("/bin/sh", "/etc/rc");
        }
        if (!command.isEmpty()) {
            List<String> env = List.copyOf(p.env);
            List<String> run = command;
            libc.fork(c -> {
                Proc child = new Proc(c, run, env);
                long r = child.execvp(run, env);
                child.error("cannot run " + Proc.quote(run.get(0)), r);
                child.flush();
                return 127;
            });
        }
        while (true) {
            long r = libc.wait4(-1, null, 0);
            if (r == -Errno.ECHILD) {
                libc.nanosleep(3600L * 1_000_000_000L);
            }
        }
    }

    /** loopback_setup: ifconfig lo up, through an AF_INET datagram socket's SIOCSIFFLAGS. */
    private static void loopback_setup(Libc libc) {
        long s = libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (s >= 0) {
            libc.if_set_up((int) s, "lo", true);
            libc.close((int) s);
        }
    }
}
