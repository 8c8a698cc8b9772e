package org.jstap.sim.kernel.module;

/** struct module: a loaded module and its state. */
public final class Module {
    /** MODULE_STATE_*: the life cycle of a module. */
    public enum State { COMING, LIVE, GOING }

    private final KernelModule code;
    State state = State.COMING;

    Module(KernelModule code) {
        this.code = code;
    }

    public String name() {
        return code.name();
    }

    public State state() {
        return state;
    }

    KernelModule code() {
        return code;
    }
}
