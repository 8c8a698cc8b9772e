package org.jstap.sim.kernel.signal;

import java.util.Arrays;

/**
 * struct sighand_struct: the signal actions, shared by the threads of a process (and by
 * CLONE_SIGHAND children). Exec resets handled signals to default.
 */
public final class SighandStruct {
    public final SigAction[] action = new SigAction[Signals.NSIG + 1];
    public int count = 1;
    /** Its object in sighand_cache. */
    public long kaddr;

    public SighandStruct() {
        Arrays.fill(action, SigAction.DEFAULT);
    }

    public SighandStruct copy() {
        SighandStruct s = new SighandStruct();
        System.arraycopy(action, 0, s.action, 0, action.length);
        return s;
    }
}
