package org.jstap.sim.kernel.trace;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jstap.sim.kernel.LinuxFile;

/**
 * kernel/tracepoint.c: static trace points compiled into the kernel. Each is declared by a
 * method of {@link TraceEvents} whose parameters are its TP_PROTO; kernel code calls that method,
 * which costs one array check while nothing is attached.
 *
 * <pre>{@code
 * int id = Tracepoints.id("sched_switch");
 * kernel.tracepoints().tracepoint_probe_register(id, args -> count++);
 * }</pre>
 */
@LinuxFile("kernel/tracepoint.c")
public final class Tracepoints {
    /** A probe on a tracepoint: called with the event's arguments. */
    @FunctionalInterface
    public interface Probe {
        void hit(Object[] args);
    }

    /** The tracepoints, in name order; their index is their id. */
    private static final List<Method> EVENTS = load();

    /** Attached probes per tracepoint id; replaced whole on (un)registration. */
    private volatile Probe[][] probes = new Probe[EVENTS.size()][];

    /** Ids by name, or -1. */
    public static int id(String name) {
        for (int i = 0; i < EVENTS.size(); i++) {
            if (EVENTS.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The declaration (name and typed, named arguments) of every tracepoint. */
    public static List<Method> events() {
        return EVENTS;
    }

    public void tracepoint_probe_register(int id, Probe probe) {
        Probe[][] next = probes.clone();
        Probe[] old = next[id] == null ? new Probe[0] : next[id];
        next[id] = Arrays.copyOf(old, old.length + 1);
        next[id][old.length] = probe;
        probes = next;
    }

    public void tracepoint_probe_unregister(int id, Probe probe) {
        Probe[][] next = probes.clone();
        if (next[id] != null) {
            next[id] = Arrays.stream(next[id]).filter(p -> p != probe).toArray(Probe[]::new);
            if (next[id].length == 0) {
                next[id] = null;
            }
        }
        probes = next;
    }

    /** Whether anything is attached to {@code id}: the cheap check trace_*() makes first. */
    boolean enabled(int id) {
        return probes[id] != null;
    }

    void fire(int id, Object... args) {
        Probe[] attached = probes[id];
        if (attached != null) {
            for (Probe p : attached) {
                p.hit(args);
            }
        }
    }

    /**
     * The events are TraceEvents' public void instance methods: that is the shape of a
     * {@code trace_NAME()} call. The name alone cannot tell them apart, since Linux has events
     * without an underscore ({@code kmalloc}, {@code kfree}), and the {@code NAME_enabled()}
     * checks beside them return a boolean.
     */
    private static List<Method> load() {
        List<Method> events = new ArrayList<>();
        for (Method m : TraceEvents.class.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (java.lang.reflect.Modifier.isPublic(mod) && !java.lang.reflect.Modifier.isStatic(mod)
                    && !m.isSynthetic() && m.getReturnType() == void.class) {
                events.add(m);
            }
        }
        events.sort(java.util.Comparator.comparing(Method::getName));
        return List.copyOf(events);
    }
}
