package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/true and /bin/false: nothing, with status 0 or 1. */
public final class True extends Program {
    private final int status;

    public True(int status) {
        this.status = status;
    }

    @Override
    protected int main(Proc p) {
        return status;
    }
}
