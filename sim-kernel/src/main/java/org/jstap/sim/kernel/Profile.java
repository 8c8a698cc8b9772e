package org.jstap.sim.kernel;

import java.util.Arrays;
import org.jstap.sim.Kernel;

/**
 * kernel/profiling.c: the profiling hook the tick calls on every CPU ({@code profile_tick}), which
 * timer.profile probes attach to with {@link #register_timer_hook}.
 */
@LinuxFile("kernel/profile.c")
public final class Profile {
    /** A timer hook: called with the CPU that ticked. */
    @FunctionalInterface
    public interface Hook {
        void tick(int cpu);
    }

    private final Kernel kernel;
    private volatile Hook[] hooks = new Hook[0];

    public Profile(Kernel kernel) {
        this.kernel = kernel;
    }

    public void register_timer_hook(Hook hook) {
        Hook[] next = Arrays.copyOf(hooks, hooks.length + 1);
        next[hooks.length] = hook;
        hooks = next;
    }

    public void unregister_timer_hook(Hook hook) {
        hooks = Arrays.stream(hooks).filter(h -> h != hook).toArray(Hook[]::new);
    }

    /** profile_tick: every tick on every CPU. */
    public void profile_tick(int cpu) {
        for (Hook h : hooks) {
            h.tick(cpu);
        }
    }
}
