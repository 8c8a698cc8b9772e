package org.jstap.runtime;

import org.jstap.sim.Kernel;

/**
 * Pass 5, the part staprun and stapio play: insert the compiled module into the kernel, start it
 * (begin probes), wait for the session to end, run end probes, remove the module.
 *
 * <pre>{@code
 * Staprun run = new Staprun(kernel, "stap_1a2b", script, options);
 * int status = run.run();
 * }</pre>
 */
public final class Staprun {
    private final Kernel kernel;
    private final Session session;
    private final CompiledScript script;

    private final long timeLimitNs;
    private boolean bootAfterBegin;
    private String command;
    private org.jstap.sim.kernel.Umh.SubprocessInfo child;
    /** The -c command's wait status once it has exited, or -1. */
    private int commandStatus = -1;

    /**
     * {@code -c CMD}: CMD runs under {@code sh -c} on the machine, held until the begin probes
     * have run; target() is its pid, the session ends when it exits, and its output (the
     * console's serial line) goes to the script's output stream in the order things happen.
     */
    public Staprun command(String cmd) {
        this.command = cmd;
        return this;
    }

    /** Where the -c command's stdout goes instead of the script's output (null: the script's). */
    private java.io.OutputStream commandOut;
    /** Whether stapio's "Child process exited" warnings are printed. */
    private boolean reportChild = true;

    /** Sends the -c command's stdout to {@code out} (jstrace: the trace goes elsewhere). */
    public Staprun commandOutput(java.io.OutputStream out) {
        this.commandOut = out;
        return this;
    }

    /** No warning for a command that exits non-zero or by a signal (the caller reports it). */
    public Staprun quietChild() {
        this.reportChild = false;
        return this;
    }

    /** What the launcher's stdin gave, waiting to go down the console's line; EOF is an empty chunk. */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> stdinChunks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private boolean forwardStdin;
    private boolean stdinEnded;

    /**
     * The launcher's stdin becomes the -c command's: a host thread reads it, and the machine loop
     * puts what arrived on the console's serial line; at its end the console's line is closed,
     * so reads drain what was sent and then return 0.
     * The console's echo and signal characters are off for the session, as the bytes come from
     * the host's terminal or pipe, which has done that work already.
     */
    public Staprun stdin(java.io.InputStream in) {
        forwardStdin = true;
        hostStdin = HostStdin.of(in);
        return this;
    }

    /** The environment a -c or --on command starts with, as a login shell would give it. */
    private static final java.util.List<String> COMMAND_ENV =
            java.util.List.of("PATH=/bin:/sbin:/usr/bin", "HOME=/root", "TERM=linux", "PWD=/");

    /** How the machine runs: the one kernel, or every host of a cluster in lockstep ({@link #cluster}). */
    private org.jstap.sim.Cluster cluster;
    /** Commands for the other hosts of the cluster, by host index, started with the -c command. */
    private final java.util.Map<Integer, String> hostCommands = new java.util.TreeMap<>();

    /**
     * The session's kernel is host 0 of {@code c}: the run drives every host in lockstep, so
     * what host 0 sends reaches the others and their answers come back.
     */
    public Staprun cluster(org.jstap.sim.Cluster c) {
        if (c.host(0) != kernel) {
            throw new IllegalArgumentException("the session's kernel must be the cluster's host 0");
        }
        this.cluster = c;
        return this;
    }

    /** Runs {@code cmd} under /bin/sh on cluster host {@code host} (not 0) as the run starts; its output goes to stderr. */
    public Staprun hostCommand(int host, String cmd) {
        if (cluster == null || host < 1 || host >= cluster.hosts().size()) {
            throw new IllegalArgumentException("no host " + host + " in this run");
        }
        hostCommands.put(host, cmd);
        return this;
    }

    private boolean run_until(java.util.function.BooleanSupplier done, long deadlineNs) {
        return cluster != null ? cluster.run_until(done, deadlineNs) : kernel.run_until(done, deadlineNs);
    }

    private long now() {
        return cluster != null ? cluster.now() : kernel.timekeeping().ktime_get_ns();
    }

    /** The other hosts' commands, each on its host's console with both lines to the error stream. */
    private void start_host_commands() {
        var err = session.options().err();
        for (var e : hostCommands.entrySet()) {
            org.jstap.sim.Kernel host = cluster.host(e.getKey());
            host.hardware().uart().connect(bytes -> err.write(bytes, 0, bytes.length));
            host.hardware().uart(1).connect(bytes -> err.write(bytes, 0, bytes.length));
            host.umh().call_usermodehelper("/bin/sh", java.util.List.of("sh", "-c", e.getValue()),
                    COMMAND_ENV, false,
                    "/dev/ttyS1");
        }
    }

    /** The reader of the launcher's stdin this run listens to while it runs (see {@link #stdin}). */
    private HostStdin hostStdin;

    /** All of stdin, when it was a file or /dev/null: given to the command at a fixed point, so runs repeat. */
    private byte[] stdinWhole;

    /**
     * The launcher's stdin as a whole (a regular file or /dev/null): it goes down the console's
     * line before the command starts, and the line closes after it, at the same virtual time in
     * every run, unlike a pipe or a terminal, whose bytes arrive when the host delivers them.
     */
    public Staprun stdin_bytes(byte[] all) {
        this.stdinWhole = all.clone();
        return this;
    }

    private void give_whole_stdin() {
        var tty = kernel.console().tty();
        tty.c_lflag &= ~(org.jstap.sim.drivers.tty.TtyStruct.ECHO | org.jstap.sim.drivers.tty.TtyStruct.ISIG);
        tty.c_iflag &= ~org.jstap.sim.drivers.tty.TtyStruct.ICRNL;
        if (stdinWhole.length == 0) {
            kernel.console().tty_input_closed();
        } else {
            kernel.hardware().uart(0).input(stdinWhole);
            kernel.hardware().events().schedule(kernel.hardware().now() + 1, kernel.console()::tty_input_closed);
        }
    }

    /** Moves what stdin delivered so far onto the console line (on the machine's own thread). */
    private void pump_stdin() {
        for (byte[] chunk; !stdinEnded && (chunk = stdinChunks.poll()) != null;) {
            var uart = kernel.hardware().uart(0);
            if (chunk.length == 0) {
                stdinEnded = true;
                // bytes still in the UART reach the tty first; then reads see end of file for good
                kernel.hardware().events().schedule(kernel.hardware().now() + 1, kernel.console()::tty_input_closed);
            } else {
                uart.input(chunk);
            }
        }
    }

    /** The -c command's wait status, or -1 when there was none or it did not finish. */
    public int commandStatus() {
        return commandStatus;
    }

    /** Boot-time tracing: the module is loaded into a kernel that has not started yet; boot runs after begin probes. */
    public Staprun bootAfterBegin() {
        this.bootAfterBegin = true;
        return this;
    }

    public Staprun(Kernel kernel, String moduleName, CompiledScript script, SessionOptions options) {
        this(kernel, moduleName, script, options, 0);
    }

    /** {@code timeLimitNs} is {@code -T}: the session ends after that much virtual time (0: no limit). */
    public Staprun(Kernel kernel, String moduleName, CompiledScript script, SessionOptions options,
                   long timeLimitNs) {
        this.kernel = kernel;
        this.session = new Session(kernel, moduleName, options);
        this.script = script;
        this.timeLimitNs = timeLimitNs;
    }

    public Session session() {
        return session;
    }

    /**
     * Starts the -c command (held) and waits for its pid. Its stdout is the console (ttyS0), whose
     * line goes to the script's output; its stderr is ttyS1, whose line goes to the error stream.
     */
    private void start_command() {
        var out = commandOut != null ? commandOut : session.options().out();
        kernel.hardware().uart().connect(bytes -> {
            try {
                out.write(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (forwardStdin) {
            var tty = kernel.console().tty();
            tty.c_lflag &= ~(org.jstap.sim.drivers.tty.TtyStruct.ECHO | org.jstap.sim.drivers.tty.TtyStruct.ISIG);
            tty.c_iflag &= ~org.jstap.sim.drivers.tty.TtyStruct.ICRNL;
        }
        var err = session.options().err();
        kernel.hardware().uart(1).connect(bytes -> err.write(bytes, 0, bytes.length));
        child = kernel.umh().call_usermodehelper("/bin/sh", java.util.List.of("sh", "-c", command),
                COMMAND_ENV, true, "/dev/ttyS1");
        run_until(() -> child.pid != 0 || child.done, Long.MAX_VALUE);
        session.setTarget(child.pid);
    }

    /** stapio's words for a command that did not exit with 0. */
    private void report_child(int status) {
        if (status < 0) {
            session.options().err().println("WARNING: Child process exited with status " + (-status & 0xff));
        } else if ((status & 0x7f) != 0) {
            int sig = status & 0x7f;
            session.options().err().println("WARNING: Child process exited with signal " + sig + " ("
                    + org.jstap.sim.kernel.signal.Signals.name(sig).substring(3) + ")");
        } else if ((status >> 8) != 0) {
            session.options().err().println("WARNING: Child process exited with status " + ((status >> 8) & 0xff));
        }
    }

    /**
     * For harnesses that share one running kernel between sessions: inserts the module, runs the
     * begin probes and starts the timers, then returns, leaving the machine loop to the caller
     * ({@code kernel.run_until}); {@link #detach} ends the session. Several sessions may be
     * attached to one kernel at once, each with its own module, probes and output. No -c command
     * and no boot tracing here: {@link #run} does those. Returns 0, or 1 when the module did not load.
     */
    public int attach() {
        if (kernel.modules().init_module(new StapModule(session, script)) != 0) {
            return 1;
        }
        attached = true;
        session.runBegin();
        if (!session.exitRequested()) {
            session.startTimers();
        }
        return 0;
    }

    /** Ends a session {@link #attach} started: end probes, module removal, summary; the exit status. */
    public int detach() {
        if (!attached) {
            throw new IllegalStateException("session " + session.moduleName() + " is not attached");
        }
        attached = false;
        session.requestExit();
        try {
            session.runEnd();
        } finally {
            kernel.modules().delete_module(session.moduleName());
        }
        session.summary();
        return session.errors() > 0 ? 1 : 0;
    }

    /** Whether {@link #attach} loaded the module and {@link #detach} has not removed it yet. */
    private boolean attached;

    /** Runs the session to its end; the exit status stap would give (0, or 1 after errors). */
    public int run() throws InterruptedException {
        int ret = kernel.modules().init_module(new StapModule(session, script));
        if (ret != 0) {
            return 1;
        }
        try {
            if (command != null && !bootAfterBegin) {
                start_command();
            }
            session.runBegin();
            if (bootAfterBegin) {
                kernel.start_kernel();
                if (command != null) {
                    start_command();
                }
            }
            if (cluster != null) {
                start_host_commands();
            }
            if (child != null) {
                if (stdinWhole != null) {
                    give_whole_stdin();
                }
                child.release();
            }
            if (hostStdin != null) {
                hostStdin.attach(stdinChunks);
            }
            if (!session.exitRequested()) {
                session.startTimers();
                long deadline = timeLimitNs > 0 ? now() + timeLimitNs : Long.MAX_VALUE;
                // the machine runs until the script exits, the command ends, -T expires, or SIGINT/SIGTERM
                run_until(() -> {
                    if (forwardStdin && child != null) {
                        pump_stdin();
                    }
                    return session.exitRequested() || (child != null && child.done);
                }, deadline);
                session.requestExit();
            }
            session.runEnd();
            if (child != null && child.done) {
                commandStatus = child.retval;
                if (reportChild) {
                    report_child(child.retval);
                }
            }
        } finally {
            if (hostStdin != null) {
                hostStdin.detach(stdinChunks);
            }
            kernel.modules().delete_module(session.moduleName());
        }
        session.summary();
        return session.errors() > 0 ? 1 : 0;
    }
}
