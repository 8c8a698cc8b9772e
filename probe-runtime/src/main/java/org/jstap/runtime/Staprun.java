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

    public Staprun(Kernel kernel, String moduleName, CompiledScript script, SessionOptions options) {
        this.kernel = kernel;
        this.session = new Session(kernel, moduleName, options);
        this.script = script;
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
            session.awaitExit();
            session.runEnd();
        } finally {
            kernel.modules().delete_module(session.moduleName());
        }
        session.summary();
        return session.errors() > 0 ? 1 : 0;
    }
}
