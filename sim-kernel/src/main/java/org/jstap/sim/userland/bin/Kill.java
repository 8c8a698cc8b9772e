package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/kill [-SIG | -s SIG | -n N] PID...: kill(2) with the signal (TERM by default); {@code -l}
 * lists the names, {@code -l N} names one.
 */
public final class Kill extends Program {
    static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
        "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS"};

    /** A signal by name (with or without SIG) or number, or -1. */
    static int signal(String s) {
        String n = s.toUpperCase();
        if (n.startsWith("SIG")) {
            n = n.substring(3);
        }
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return i;
            }
        }
        if (n.equals("IO")) {
            return 29;
        }
        try {
            int v = Integer.parseInt(n);
            return v >= 0 && v < 65 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected int main(Proc p) {
        List<String> a = p.args();
        int sig = 15;
        int i = 0;
        if (!a.isEmpty() && (a.get(0).equals("-l") || a.get(0).equals("-L"))) {
            if (a.size() > 1) {
                int s = signal(a.get(1));
                int n = s > 128 ? s - 128 : s;
                if (n <= 0 || n >= NAMES.length) {
                    p.error("unknown signal: " + a.get(1));
                    return 1;
                }
                p.out().print(a.get(1).matches("[0-9]+") ? NAMES[n] + "\n" : n + "\n");
                return 0;
            }
            StringBuilder line = new StringBuilder();
            for (int s = 1; s < NAMES.length; s++) {
                if (line.length() + NAMES[s].length() + 1 > 80) {
                    p.out().print(line.toString().strip() + "\n");
                    line.setLength(0);
                }
                line.append(NAMES[s]).append(' ');
            }
            p.out().print(line.toString().strip() + "\n");
            return 0;
        }
        if (i < a.size() && (a.get(i).equals("-s") || a.get(i).equals("-n")) && i + 1 < a.size()) {
            sig = signal(a.get(i + 1));
            if (sig < 0) {
                p.error("unknown signal: " + a.get(i + 1));
                return 1;
            }
            i += 2;
        } else if (i < a.size() && a.get(i).startsWith("-") && a.get(i).length() > 1 && !a.get(i).equals("--")) {
            sig = signal(a.get(i).substring(1));
            if (sig < 0) {
                p.error("unknown signal: " + a.get(i).substring(1));
                return 1;
            }
            i++;
        }
        if (i < a.size() && a.get(i).equals("--")) {
            i++;
        }
        if (i >= a.size()) {
            p.err().print("Usage: " + p.name() + " [-s signal|-p] [--] pid...\n");
            return 1;
        }
        int status = 0;
        for (; i < a.size(); i++) {
            long pid;
            try {
                pid = Long.parseLong(a.get(i));
            } catch (NumberFormatException e) {
                p.error("failed to parse argument: " + Proc.quote(a.get(i)));
                status = 1;
                continue;
            }
            long r = p.libc.kill(pid, sig);
            if (r < 0) {
                p.error("(" + pid + ") - " + org.jstap.sim.userland.Libc.strerror(r));
                status = 1;
            }
        }
        return status;
    }
}
