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

    /** Runs the session to its end; the exit status stap would give (0, or 1 after errors). */
    public int run() throws InterruptedException {
        int ret = kernel.modules().init_module(new StapModule(session, script));
        if (ret != 0) {
            return 1;
        }
        try {
            session.runBegin();
            if (bootAfterBegin) {
                kernel.start_kernel();
            }
            if (!session.exitRequested()) {
                session.startTimers();
                long deadline = timeLimitNs > 0 ? kernel.timekeeping().ktime_get_ns() + timeLimitNs : Long.MAX_VALUE;
                // the machine runs until the script exits, -T expires, or SIGINT/SIGTERM asks to stop
                kernel.run_until(session::exitRequested, deadline);
                session.requestExit();
            }
            session.runEnd();
        } finally {
            kernel.modules().delete_module(session.moduleName());
        }
        session.summary();
        return session.errors() > 0 ? 1 : 0;
    }
}
