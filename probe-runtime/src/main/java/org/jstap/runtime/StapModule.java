package org.jstap.runtime;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.module.KernelModule;

/** A compiled script as a kernel module: init registers its probes, exit removes them. */
final class StapModule implements KernelModule {
    private final Session session;
    private final CompiledScript script;

    StapModule(Session session, CompiledScript script) {
        this.session = session;
        this.script = script;
    }

    @Override
    public String name() {
        return session.moduleName();
    }

    @Override
    public int init(Kernel kernel) {
        script.register(session);
        session.describeProbes(script.probeSites());
        return session.open();
    }

    @Override
    public void exit() {
        session.close();
    }
}
