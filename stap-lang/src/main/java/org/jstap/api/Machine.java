package org.jstap.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Initramfs;
import org.jstap.sim.kernel.Umh;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * A booted simulated machine for tests: attach scripts to it, run commands on it and wait for
 * them, inspect its processes, files and kernel log. This is what {@code bin/jstap}'s pass 5 does
 * around a {@code -c} command, opened up so a test can run several commands under one session,
 * or several sessions on one machine, and read the results as Java values.
 *
 * <p>Virtual time moves only inside {@link #run} and {@link #runFor}; between those calls the
 * machine is stopped and its state (globals, output) can be read. A machine is used by one thread
 * at a time; different machines are independent and may run on different threads at once (a
 * session's probes fire only on the machine it is attached to).
 *
 * <pre>{@code
 * try (Machine m = Machine.boot(MachineConfig.defaults())) {
 *     ProbeSession opens = m.attach(Script.of(
 *             "global n; probe kernel.function(\"do_sys_open\") { if (pid() == target()) n++ }"));
 *     CommandResult r = m.run("cat /etc/hostname");
 *     assertEquals(0, r.exitCode());
 *     assertEquals(1, opens.globals().getLong("n"));
 * }
 * }</pre>
 */
public final class Machine implements AutoCloseable {
    /** How long {@link #run(String)} lets a command take, in virtual time. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final List<String> ENV = List.of("PATH=/bin:/sbin:/usr/bin", "HOME=/root", "TERM=linux", "PWD=/");

    private final MachineConfig config;
    private final Kernel kernel;
    private final List<ProbeSession> sessions = new ArrayList<>();
    private boolean closed;

    private Machine(MachineConfig config, Kernel kernel) {
        this.config = config;
        this.kernel = kernel;
    }

    /** Powers on a machine, adds the configured files to its initramfs, and boots it to init. */
    public static Machine boot(MachineConfig config) {
        Kernel kernel = Kernel.create(config.kernelConfig());
        Initramfs image = kernel.initramfs();
        for (Map.Entry<String, byte[]> f : config.files().entrySet()) {
            addParents(image, f.getKey());
            image.add(f.getKey(), f.getValue());
        }
        kernel.start_kernel();
        Machine m = new Machine(config, kernel);
        // commands read stdin as from /dev/null: the console's input line is closed
        kernel.console().tty_input_closed();
        return m;
    }

    private static void addParents(Initramfs image, String path) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String dir = path.substring(0, slash);
            if (image.entries().stream().noneMatch(e -> e.path().equals(dir))) {
                image.mkdir(dir, 0755);
            }
        }
    }

    public static Machine boot() {
        return boot(MachineConfig.defaults());
    }

    public MachineConfig config() {
        return config;
    }

    /** The kernel itself, for what this class does not offer (its subsystems keep Linux's names). */
    public Kernel kernel() {
        return kernel;
    }

    /**
     * Compiles {@code script} (passes 1-4) and attaches it: module loaded, begin probes run.
     * Throws {@link StapException} with stap's diagnostics when it does not compile or load.
     */
    public ProbeSession attach(Script script) {
        checkOpen();
        ProbeSession s = new ProbeSession(this, script.compile());
        s.attach();
        sessions.add(s);
        return s;
    }

    /** The sessions attached now, oldest first. */
    public List<ProbeSession> sessions() {
        return List.copyOf(sessions);
    }

    void detached(ProbeSession s) {
        sessions.remove(s);
    }

    /** Runs {@code command} under {@code sh -c} and waits for it, up to {@link #DEFAULT_TIMEOUT} of virtual time. */
    public CommandResult run(String command) {
        return run(command, DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code command} under {@code sh -c} as {@code stap -c} does: held until its pid is
     * known, which becomes {@code target()} of every attached session, then released; the
     * machine runs until it exits. Its stdout is the console (ttyS0), its stderr ttyS1, its stdin
     * at end of file. A command still running after {@code timeout} of virtual time is reported
     * with an {@link IllegalStateException} (it is left running; {@link #close} ends it).
     */
    public CommandResult run(String command, Duration timeout) {
        checkOpen();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        kernel.hardware().uart(0).connect(stdout::writeBytes);
        kernel.hardware().uart(1).connect(stderr::writeBytes);
        try {
            Umh.SubprocessInfo child = kernel.umh().call_usermodehelper("/bin/sh", List.of("sh", "-c", command), ENV,
                    true, "/dev/ttyS1");
            kernel.run_until(() -> child.pid != 0 || child.done, Long.MAX_VALUE);
            for (ProbeSession s : sessions) {
                s.setTarget(child.pid);
            }
            child.release();
            long deadline = kernel.timekeeping().ktime_get_ns() + timeout.toNanos();
            if (!kernel.run_until(() -> child.done, deadline)) {
                throw new IllegalStateException("command did not finish within " + timeout + " of virtual time: "
                        + command + "\nstdout so far:\n" + stdout.toString(StandardCharsets.ISO_8859_1));
            }
            return new CommandResult(command, child.pid, child.retval, stdout.toString(StandardCharsets.ISO_8859_1),
                    stderr.toString(StandardCharsets.ISO_8859_1));
        } finally {
            kernel.hardware().uart(0).connect(bytes -> { });
            kernel.hardware().uart(1).connect(bytes -> { });
        }
    }

    /** Lets the machine run for {@code d} of virtual time (timers tick, probes on them fire). */
    public void runFor(Duration d) {
        checkOpen();
        kernel.run_until(() -> false, kernel.timekeeping().ktime_get_ns() + d.toNanos());
    }

    /** Virtual time since boot, in nanoseconds ({@code ktime_get_ns}). */
    public long uptimeNs() {
        return kernel.timekeeping().ktime_get_ns();
    }

    /**
     * A file's content, read on the machine by {@code cat} (so attached probes see that read, as
     * they would on a real box). A missing file is an {@link IllegalArgumentException} carrying
     * cat's message.
     */
    public String readFile(String path) {
        CommandResult r = run("cat '" + path.replace("'", "'\\''") + "'");
        if (r.exitCode() != 0) {
            throw new IllegalArgumentException(r.stderr().strip());
        }
        return r.stdout();
    }

    /** Whether a path exists on the machine ({@code test -e}). */
    public boolean exists(String path) {
        return run("test -e '" + path.replace("'", "'\\''") + "'").exitCode() == 0;
    }

    /** A {@code /proc} file, e.g. {@code proc("meminfo")} or {@code proc("1/status")}. */
    public String proc(String name) {
        return readFile("/proc/" + name);
    }

    /** One process as {@code ps} lists it. */
    public record Process(int pid, int ppid, String comm, String state) {}

    /** The processes alive now (thread group leaders, kernel threads included), by pid, read from the kernel's task list. */
    public List<Process> processes() {
        List<Process> all = new ArrayList<>();
        for (TaskStruct t : kernel.pid().processes()) {
            all.add(new Process(t.pid(), t.ppid(), t.comm(), t.state().toString()));
        }
        all.sort(java.util.Comparator.comparingInt(Process::pid));
        return all;
    }

    /** The kernel log, one line per record as {@code dmesg} prints it. */
    public List<String> dmesg() {
        return kernel.printk().dmesg();
    }

    /** Pages free in the buddy allocator now ({@code MemFree} in pages). */
    public long freePages() {
        return kernel.page_alloc().nr_free_pages();
    }

    /** Detaches every session still attached (their end probes run) and powers the machine off. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            for (ProbeSession s : List.copyOf(sessions)) {
                s.detach();
            }
        } finally {
            closed = true;
            kernel.kernel_power_off();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the machine is powered off");
        }
    }
}
