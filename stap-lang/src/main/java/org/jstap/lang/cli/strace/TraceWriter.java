package org.jstap.lang.cli.strace;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jstap.runtime.tapset.Syscalls;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.userland.Errno;

/**
 * Turns the records of jstrace's script into strace's output. The script prints one
 * tab-separated record per event (see {@link Record}); this class keeps strace's state: the line
 * left open at a syscall's entry, closed with {@code <unfinished ...>} when another process's
 * event comes first and finished later as {@code <... NAME resumed>}; {@code [pid N]} prefixes
 * while more than one process is traced; signals shown when the process next returns to user
 * mode; {@code +++ exited with N +++}; timestamps and {@code -T} times from the virtual clock.
 */
public final class TraceWriter extends OutputStream {
    /** The record kinds the script prints, by their first field. */
    public enum Record {
        /**
         * E pid tid name wall_ns split call: a syscall entered; split is "" when strace prints the
         * whole call at its entry, else where it divides the call ({@link EntrySplit}).
         */
        E,
        /**
         * S pid tid name ret sys_ns wall_ns retstr call: it returned (sys_ns: system time spent); for a
         * call with a split, call is its text after the return, with the output arguments decoded.
         */
        S,
        /** G pid wall_ns sig code sender_pid sender_uid status utime_ns stime_ns addr: a signal was sent to the process. */
        G,
        /** H pid wall_ns sig: the process stopped for a stop signal (group stop). */
        H,
        /** A pid: a new process is traced (-f). */
        A,
        /** P pid wall_ns wait_status: the process exited. */
        P,
        /** C name calls errors ns min_ns max_ns: -c's totals for one syscall, printed at the end. */
        C,
        /** T pid: -p attached to the process (the trace starts now, not at an execve). */
        T,
        /** N pid: -p named no process. */
        N
    }

    /** What the command line asked for. */
    public record Style(boolean trace, Summary summary, Qualifiers qualifiers, int timestamps, boolean relative,
            boolean syscallTimes, boolean pidColumn, int quiet, boolean wallTimes, boolean attach) {}

    private final PrintStream out;
    private final PrintStream messages;
    private final Style style;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** Entries not yet returned, by tid: the call text and its entry time. */
    private final Map<Long, Pending> pending = new HashMap<>();
    /** Signals sent to a process while it was inside a syscall, shown when that call returns. */
    private final Map<Long, List<String>> signalsDue = new HashMap<>();
    /** The virtual time of the event being handled, for the leaders of lines it prints. */
    private long now;
    /** The tid whose entry is printed on the current, unfinished line (or -1). */
    private long openTid = -1;
    private String openText;
    private final Set<Long> live = new HashSet<>();
    private final Set<Long> exited = new HashSet<>();
    private long firstPid = -1;
    private boolean execed;
    /** -p: the trace began at an attach, and ends with a detach unless the process exits. */
    private boolean attached;
    private boolean attachFailed;
    private long lastLeaderNs = -1;

    /** A call in flight; split is null when its entry printed all of it. */
    private record Pending(long pid, String name, String call, long entryNs, EntrySplit split) {}

    /**
     * @param out the trace (stderr or the -o file)
     * @param messages where strace's own messages go ("strace: Process N attached"): stderr
     */
    public TraceWriter(PrintStream out, PrintStream messages, Style style) {
        this.out = out;
        this.messages = messages;
        this.style = style;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            record(line.toString(StandardCharsets.ISO_8859_1));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Whether the traced command's exit was seen (else the caller reports it from the wait status). */
    public boolean sawExit() {
        return firstPid >= 0 && exited.contains(firstPid);
    }

    private void record(String rec) {
        String[] f = rec.split("\t", -1);
        Record kind;
        try {
            kind = Record.valueOf(f[0]);
        } catch (IllegalArgumentException e) {
            // a line the script did not mean as a record (an error message): pass it on
            out.println(rec);
            return;
        }
        if (kind == Record.C) {
            if (style.summary() != null && style.qualifiers().traces(f[1])) {
                style.summary().add(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]));
            }
            return;
        }
        long pid = Long.parseLong(f[1]);
        switch (kind) {
            case E -> entry(pid, Long.parseLong(f[2]), f[3], Long.parseLong(f[4]), EntrySplit.parse(f[5]), f[6]);
            case S -> exit(pid, Long.parseLong(f[2]), f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), f[7], f[8]);
            case G -> {
                now = Long.parseLong(f[2]);
                signal(pid, Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5], f[6], Long.parseLong(f[7]),
                        Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]));
            }
            case H -> {
                now = Long.parseLong(f[2]);
                stopped(pid, Integer.parseInt(f[3]));
            }
            case A -> {
                if (execed || !style.trace()) {
                    live.add(pid);
                    if (style.quiet() < 1) {
                        messages.println("strace: Process " + pid + " attached");
                    }
                }
            }
            case P -> {
                now = Long.parseLong(f[2]);
                processExit(pid, Integer.parseInt(f[3]));
            }
            case C -> throw new AssertionError("handled above");
            case T -> {
                execed = true;
                attached = true;
                firstPid = pid;
                live.add(pid);
                if (style.quiet() < 1) {
                    messages.println("strace: Process " + pid + " attached");
                }
            }
            case N -> {
                messages.println("strace: attach: ptrace(PTRACE_SEIZE, " + pid + "): No such process");
                attachFailed = true;
            }
        }
    }

    // strace's trace starts at the execve of PROG: what sh -c did before it is not PROG's
    private boolean started(long pid, String name, long ret) {
        if (!execed) {
            if (style.attach() || !(name.equals("execve") && ret == 0)) {
                return false;
            }
            execed = true;
            firstPid = pid;
            live.add(pid);
        }
        return live.contains(pid);
    }

    private void entry(long pid, long tid, String name, long ns, EntrySplit split, String call) {
        if (!execed || !live.contains(pid)) {
            return;
        }
        pending.put(tid, new Pending(pid, name, call, ns, split));
        if (!style.trace() || !style.qualifiers().traces(name)) {
            return;
        }
        closeOpenLine(tid);
        openTid = tid;
        // the entry line: the arguments strace prints at the entry, without the closing parenthesis
        String head = split != null ? split.head(call) : call.endsWith(")") ? call.substring(0, call.length() - 1) : call;
        openText = leader(pid, ns) + head;
    }

    private void exit(long pid, long tid, String name, long ret, long sysNs, long ns, String retstr, String call) {
        Pending p = pending.remove(tid);
        if (!started(pid, name, ret)) {
            return;
        }
        boolean error = ret < 0 && ret >= -4095;
        long spent = p == null ? 0 : ns - p.entryNs();
        if (style.summary() != null && style.qualifiers().traces(name)) {
            style.summary().add(name, error, style.wallTimes() ? spent : sysNs);
        }
        if (style.trace() && style.qualifiers().traces(name)) {
            String result = error ? errorResult(-ret) : retstr;
            String times = style.syscallTimes() ? String.format(" <%d.%06d>", spent / 1_000_000_000L,
                    spent / 1000 % 1_000_000) : "";
            String text;
            // the output arguments (read's data, socketpair's descriptors) follow what the entry printed
            String rest = p != null && p.split() != null ? p.split().rest(call) + ")" : ")";
            if (openTid == tid && openText != null) {
                text = openText + rest;
                openTid = -1;
                openText = null;
            } else if (p != null) {
                closeOpenLine(tid);
                text = leader(pid, ns) + "<... " + name + " resumed>" + rest;
            } else {
                // an entry the trace did not see (PROG's execve, which began in the shell)
                closeOpenLine(tid);
                text = leader(pid, ns) + call;
            }
            out.println(pad(text + " ") + "= " + result + times);
        }
        List<String> due = signalsDue.remove(pid);
        if (due != null && !anyPending(pid)) {
            now = ns;
            due.forEach(this::printLine);
        } else if (due != null) {
            signalsDue.put(pid, due);
        }
    }

    /**
     * A failed call's result: {@code -1 ENOENT (No such file or directory)}; a call a signal
     * interrupted, which the kernel restarts or turns into EINTR on the way out, returns "?" as
     * strace shows it ({@code ? ERESTARTSYS (To be restarted if SA_RESTART is set)}).
     */
    static String errorResult(long errno) {
        String restart = switch ((int) errno) {
            case 512 -> "To be restarted if SA_RESTART is set";
            case 513 -> "To be restarted";
            case 514 -> "To be restarted if no handler";
            case 516 -> "Interrupted by signal";
            default -> null;
        };
        if (restart != null) {
            return "? " + Syscalls.errno_str(errno) + " (" + restart + ")";
        }
        return "-1 " + Syscalls.errno_str(errno) + " (" + Errno.strerror(errno) + ")";
    }

    private boolean anyPending(long pid) {
        return pending.values().stream().anyMatch(p -> p.pid() == pid);
    }

    private void signal(long pid, int sig, int code, String spid, String suid, long status, long utimeNs,
            long stimeNs, long addr) {
        // the tracer never sees SIGKILL: the process is just gone
        if (!execed || !live.contains(pid) || sig == Signals.SIGKILL || !style.qualifiers().shows(sig)
                || style.quiet() >= 3 || !style.trace()) {
            return;
        }
        signalLine(pid, "--- " + Signals.name(sig) + " " + Siginfos.format(sig, code, spid, suid, status, utimeNs,
                stimeNs, addr) + " ---");
    }

    /** strace's line for a group stop, after the stop signal's own: {@code --- stopped by SIGSTOP ---}. */
    private void stopped(long pid, int sig) {
        if (!execed || !live.contains(pid) || !style.qualifiers().shows(sig) || style.quiet() >= 3 || !style.trace()) {
            return;
        }
        signalLine(pid, "--- stopped by " + Signals.name(sig) + " ---");
    }

    /** A signal's line: now, or after the call in flight's line when one is open. */
    private void signalLine(long pid, String text) {
        if (anyPending(pid)) {
            signalsDue.computeIfAbsent(pid, k -> new ArrayList<>()).add(pid + "\t" + text);
        } else {
            printLine(pid + "\t" + text);
        }
    }

    private void printLine(String pidAndText) {
        int tab = pidAndText.indexOf('\t');
        long pid = Long.parseLong(pidAndText.substring(0, tab));
        closeOpenLine(-1);
        out.println(leader(pid, now) + pidAndText.substring(tab + 1));
    }

    private void processExit(long pid, int status) {
        if (!execed || !live.contains(pid)) {
            return;
        }
        List<String> due = signalsDue.remove(pid);
        if (due != null && style.trace()) {
            due.forEach(this::printLine);
        }
        if (style.trace()) {
            // exit_group (or a fatal signal) never returns: its line ends with "= ?"
            for (var it = pending.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                Pending p = e.getValue();
                if (p.pid() != pid) {
                    continue;
                }
                it.remove();
                if (!style.qualifiers().traces(p.name())) {
                    continue;
                }
                // a call whose decoder meant to print more at the return says it never came
                String end = p.split() != null ? " <unfinished ...>)" : ")";
                String text;
                if (openTid == e.getKey()) {
                    text = openText + end;
                    openTid = -1;
                    openText = null;
                } else {
                    closeOpenLine(-1);
                    text = leader(pid, now) + "<... " + p.name() + " resumed>" + end;
                }
                out.println(pad(text + " ") + "= ?");
            }
            if (style.quiet() < 2) {
                closeOpenLine(-1);
                String how = (status & 0x7f) != 0
                        ? "killed by " + Signals.name(status & 0x7f) + ((status & 0x80) != 0 ? " (core dumped)" : "")
                        : "exited with " + ((status >> 8) & 0xff);
                out.println(leader(pid, now) + "+++ " + how + " +++");
            }
        }
        pending.values().removeIf(p -> p.pid() == pid);
        exited.add(pid);
        live.remove(pid);
    }

    /** The line left open at another task's entry ends with {@code <unfinished ...>}. */
    private void closeOpenLine(long unlessTid) {
        if (openText != null && openTid != unlessTid) {
            out.println(openText + " <unfinished ...>");
            openTid = -1;
            openText = null;
        }
    }

    /** The start of each line: {@code [pid N] } while several processes are traced, then the timestamp. */
    private String leader(long pid, long ns) {
        StringBuilder b = new StringBuilder();
        if (style.pidColumn()) {
            b.append(String.format("%-5d ", pid));
        } else if (live.size() > 1) {
            b.append(String.format("[pid %5d] ", pid));
        }
        if (ns >= 0 && (style.timestamps() > 0 || style.relative())) {
            b.append(Timestamps.format(style.timestamps(), style.relative(), ns, lastLeaderNs));
            lastLeaderNs = ns;
        }
        return b.toString();
    }

    /** strace's tabto(): the result starts at column 40. */
    private static String pad(String s) {
        return s.length() >= 40 ? s : s + " ".repeat(40 - s.length());
    }

    /** Whether -p named a process that does not exist. */
    public boolean attachFailed() {
        return attachFailed;
    }

    /** After the run: the summary, and the command's end if no exit record showed it. */
    public void finish(int ws) {
        if (attached) {
            // the session ended with the processes still running: strace detaches from each
            if (openText != null && style.trace()) {
                out.println(openText + " <detached ...>");
                openTid = -1;
                openText = null;
            }
            for (long pid : new java.util.TreeSet<>(live)) {
                if (style.quiet() < 1) {
                    messages.println("strace: Process " + pid + " detached");
                }
            }
        }
        closeOpenLine(-1);
        if (style.trace() && ws >= 0 && !sawExit() && !attached && style.quiet() < 2) {
            if ((ws & 0x7f) != 0) {
                out.println("+++ killed by " + Signals.name(ws & 0x7f) + ((ws & 0x80) != 0 ? " (core dumped)" : "")
                        + " +++");
            } else {
                out.println("+++ exited with " + ((ws >> 8) & 0xff) + " +++");
            }
        }
        if (style.summary() != null) {
            style.summary().print(out);
        }
        out.flush();
    }
}
