package org.jstap.sim.userland.bin;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.Dir;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/ps: processes from /proc/[pid]/stat, as procps prints them ("  PID TTY          TIME
 * CMD"). By default those on ps's own terminal; {@code -e}/{@code -A} (or {@code ax}) all of them;
 * {@code -f} the full format: owner (/proc/[pid]/status), PPID, %CPU, start time (from /proc/stat's
 * btime), and the command line from /proc/[pid]/cmdline.
 */
public final class Ps extends Program {
    private record Task(int pid, String comm, char state, int ppid, int tty, long ticks, long start, int uid,
            String cmdline) {}

    private static final int CLK_TCK = 100;

    @Override
    protected int main(Proc p) {
        boolean all = false;
        boolean full = false;
        for (String a : p.args()) {
            if (a.startsWith("-")) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'e', 'A' -> all = true;
                        case 'f' -> full = true;
                        default -> {
                            p.error("error: unsupported option (BSD syntax)");
                            return 1;
                        }
                    }
                }
            } else if (a.contains("a") || a.contains("x")) {
                all = true;
            }
        }
        Dir d = Dir.openat(p.libc, Libc.AT_FDCWD, "/proc");
        org.jstap.sim.userland.Stat procSelf = new org.jstap.sim.userland.Stat();
        if (d == null || p.libc.stat("/proc/self/stat", procSelf) < 0) {
            p.err().print("Error, do this: mount -t proc proc /proc\n");
            return 1;
        }
        List<Dir.Dirent> entries = d.readAll();
        d.close();
        List<Task> tasks = new ArrayList<>();
        for (Dir.Dirent e : entries == null ? List.<Dir.Dirent>of() : entries) {
            if (!e.d_name().chars().allMatch(Character::isDigit) || e.d_name().isEmpty()) {
                continue;
            }
            Task t = read(p, e.d_name());
            if (t != null) {
                tasks.add(t);
            }
        }
        tasks.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
        int self = (int) p.libc.getpid();
        int myTty = 0;
        for (Task t : tasks) {
            if (t.pid() == self) {
                myTty = t.tty();
            }
        }
        long btime = 0;
        String stat = slurp(p, "/proc/stat");
        for (String l : stat == null ? new String[0] : stat.split("\n")) {
            if (l.startsWith("btime ")) {
                btime = Long.parseLong(l.substring(6).strip());
            }
        }
        String up = slurp(p, "/proc/uptime");
        double uptime = up == null ? 0 : Double.parseDouble(up.strip().split(" ")[0]);
        long[] now = new long[2];
        p.libc.clock_gettime(Libc.CLOCK_REALTIME, now);
        org.jstap.sim.userland.Passwd pw = new org.jstap.sim.userland.Passwd(p.libc);
        StringBuilder out = new StringBuilder();
        out.append(full ? "UID          PID    PPID  C STIME TTY          TIME CMD\n" : "  PID TTY          TIME CMD\n");
        for (Task t : tasks) {
            if (!all && t.tty() != myTty) {
                continue;
            }
            long secs = t.ticks() / 100;
            String time = String.format("%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
            if (full) {
                String cmd = t.cmdline().isEmpty() ? "[" + t.comm() + "]" : t.cmdline();
                // %CPU over the process's life, and its start: the time of day when today, else the date
                double life = uptime - (double) t.start() / CLK_TCK;
                long c = life <= 0 ? 0 : (long) (t.ticks() * 100.0 / CLK_TCK / life);
                long started = btime + t.start() / CLK_TCK;
                String stime = started / 86400 == now[0] / 86400 ? Date.strftime("%H:%M", started, 0)
                        : Date.strftime("%b%d", started, 0);
                out.append(String.format("%-8s %7d %7d %2d %s %-8s %s %s\n", pw.userOrId(t.uid()), t.pid(), t.ppid(),
                        Math.min(c, 99), stime, tty(t.tty()), time, cmd));
            } else {
                out.append(String.format("%5d %-8s %s %s\n", t.pid(), tty(t.tty()), time, t.comm()));
            }
        }
        p.out().print(out.toString());
        return 0;
    }

    /** A tty_nr as procps names it. */
    static String tty(int nr) {
        int major = (nr >> 8) & 0xfff;
        int minor = (nr & 0xff) | ((nr >> 12) & 0xfff00);
        return switch (major) {
            case 0 -> "?";
            case 4 -> minor >= 64 ? "ttyS" + (minor - 64) : "tty" + minor;
            case 5 -> minor == 1 ? "console" : "tty";
            case 136, 137, 138, 139, 140, 141, 142, 143 -> "pts/" + ((major - 136) * 256 + minor);
            default -> "?";
        };
    }

    private static String slurp(Proc p, String path) {
        long fd = p.libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            return null;
        }
        Stdio.In in = new Stdio.In(p.libc, (int) fd);
        String s = in.readAll();
        in.release();
        p.libc.close((int) fd);
        return s;
    }

    /** /proc/PID/stat: "pid (comm) state ppid pgrp session tty_nr tpgid flags ... utime stime". */
    private static Task read(Proc p, String pid) {
        String stat = slurp(p, "/proc/" + pid + "/stat");
        if (stat == null) {
            return null;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String comm = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 2).strip().split(" +");
        if (f.length < 13) {
            return null;
        }
        String cmdline = slurp(p, "/proc/" + pid + "/cmdline");
        // procps shows the arguments space-separated, unprintable bytes as '?'
        String cmd = cmdline == null ? "" : cmdline.replaceAll("\0+$", "").replace('\0', ' ')
                .replaceAll("[\\x00-\\x1f\\x7f]", "?");
        int uid = 0;
        String status = slurp(p, "/proc/" + pid + "/status");
        for (String l : status == null ? new String[0] : status.split("\n")) {
            if (l.startsWith("Uid:")) {
                uid = Integer.parseInt(l.substring(4).strip().split("\\s+")[1]);
            }
        }
        try {
            return new Task(Integer.parseInt(pid), comm, f[0].charAt(0), Integer.parseInt(f[1]),
                    Integer.parseInt(f[4]), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19]), uid,
                    cmd);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
