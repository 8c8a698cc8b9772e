package org.jstap.sim.kernel.module;

/** struct module: a loaded module and its state. */
public final class Module {
    /** MODULE_STATE_*: the life cycle of a module. */
    public enum State { COMING, LIVE, GOING }

    private final KernelModule code;
    State state = State.COMING;
    /** Where its core was placed and how big it is (page-rounded), for /proc/modules. */
    final long address;
    final long size;
    /** References other modules hold through symbol_get. */
    int refcnt;

    Module(KernelModule code, long address, long size) {
        this.code = code;
        this.address = address;
        this.size = size;
    }

    public long address() {
        return address;
    }

    public int refcnt() {
        return refcnt;
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
