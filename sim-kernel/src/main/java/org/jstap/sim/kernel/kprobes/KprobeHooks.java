package org.jstap.sim.kernel.kprobes;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What instrumented kernel methods call. A probed method starts with one {@code invokedynamic}
 * whose {@link MutableCallSite} is bound to a method handle built from exactly the probes armed on
 * that function: per kernel a guard (is this call in the probe's kernel?) and the probes' hit
 * methods, bound to the probe objects. {@link Kprobes} re-binds the site at every (un)registration,
 * so a hit has no table lookup, no reflection and no allocation, and the JIT inlines the handler
 * into the kernel function like any call to a constant. Methods with return probes keep what the
 * entry site returns (the kretprobe instances taken, or null) in a local and hand it to
 * {@link #kretprobe_trampoline} at each return.
 *
 * <p>The call site shapes ({@code recv} is {@code this}, or null for a static function; the
 * argument array is there only when a probe reads arguments):
 * <pre>
 *   kprobe    (Object recv)V             (Object recv, Object[] args)V
 *   kretprobe (Object recv)Object        (Object recv, Object[] args)Object
 * </pre>
 */
public final class KprobeHooks {
    /** The call sites linked so far, by symbol index; guarded by {@code Kprobes.class}. */
    private static final Map<Integer, List<MutableCallSite>> SITES = new HashMap<>();

    static final Object[] NO_ARGS = new Object[0];

    private static final MethodHandle KPROBE_FIRE;
    private static final MethodHandle KRETPROBE_ENTER;
    private static final MethodHandle SAME;
    private static final MethodHandle IS_CURRENT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            KPROBE_FIRE = lookup.findStatic(Kprobe.class, "fire", MethodType.methodType(void.class, Kprobes.class,
                    Kprobe.class, Kprobe.Handler.class, Object[].class));
            KRETPROBE_ENTER = lookup.findVirtual(Kretprobe.class, "enter",
                    MethodType.methodType(Object.class, Object.class, Object[].class));
            SAME = lookup.findStatic(KprobeHooks.class, "same",
                    MethodType.methodType(boolean.class, Object.class, Object.class));
            IS_CURRENT = lookup.findStatic(KprobeHooks.class, "isCurrent",
                    MethodType.methodType(boolean.class, Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KprobeHooks() {}

    /**
     * The bootstrap of a probed method's {@code invokedynamic}: the site of {@code symbol} with this
     * shape, bound to the probes armed now. A retransformed class links anew and gets the same site.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int symbol) {
        synchronized (Kprobes.class) {
            List<MutableCallSite> sites = SITES.computeIfAbsent(symbol, k -> new ArrayList<>());
            for (MutableCallSite site : sites) {
                if (site.type().equals(type)) {
                    return site;
                }
            }
            MutableCallSite site = new MutableCallSite(type);
            site.setTarget(target(type, Kprobes.armed(symbol)));
            sites.add(site);
            return site;
        }
    }

    /** Re-binds every linked site of {@code symbol} to the probes armed now; caller holds {@code Kprobes.class}. */
    static void rebind(int symbol, Kprobes.Armed armed) {
        List<MutableCallSite> sites = SITES.get(symbol);
        if (sites == null) {
            return;
        }
        for (MutableCallSite site : sites) {
            site.setTarget(target(site.type(), armed));
        }
        MutableCallSite.syncAll(sites.toArray(MutableCallSite[]::new));
    }

    /**
     * The dispatch for one site: every armed kprobe, then every kretprobe, each behind its kernel's
     * guard. Built for {@code (Object recv, Object[] args)}; a site without arguments gets the
     * shared empty array bound in, which costs nothing at the call.
     */
    private static MethodHandle target(MethodType type, Kprobes.Armed armed) {
        boolean withArgs = type.parameterCount() == 2;
        boolean token = type.returnType() == Object.class;
        MethodType full = MethodType.methodType(token ? Object.class : void.class, Object.class, Object[].class);
        MethodHandle h;
        if (token) {
            h = MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class,
                    Object[].class);
            for (Kretprobe rp : armed.kretprobes()) {
                // (token, recv, args) -> token with this call's instance in front, in rp's kernel only
                MethodHandle enter = MethodHandles.dropArguments(KRETPROBE_ENTER.bindTo(rp), 1, Object.class);
                MethodHandle keep = MethodHandles.dropArguments(MethodHandles.identity(Object.class), 1,
                        Object.class, Object[].class);
                MethodHandle guard = MethodHandles.dropArguments(
                        MethodHandles.dropArguments(armed.guard(rp.kprobes), 1, Object[].class), 0, Object.class);
                h = MethodHandles.foldArguments(MethodHandles.guardWithTest(guard, enter, keep), h);
            }
        } else {
            h = MethodHandles.empty(full);
        }
        List<Kprobe> kprobes = armed.kprobes();
        for (int i = kprobes.size() - 1; i >= 0; i--) {
            Kprobe p = kprobes.get(i);
            MethodHandle fire = MethodHandles.dropArguments(
                    MethodHandles.insertArguments(KPROBE_FIRE, 0, p.kprobes, p, p.handler), 0, Object.class);
            MethodHandle guard = MethodHandles.dropArguments(armed.guard(p.kprobes), 1, Object[].class);
            h = MethodHandles.guardWithTest(guard, MethodHandles.foldArguments(h, fire), h);
        }
        if (!withArgs) {
            h = MethodHandles.insertArguments(h, 1, (Object) NO_ARGS);
        }
        return h.asType(type);
    }

    /** The guard for a function whose receiver is one kernel's own subsystem object. */
    static MethodHandle sameReceiver(Object subsystem) {
        return MethodHandles.insertArguments(SAME, 1, subsystem);
    }

    /** The guard for any other function: the thread runs {@code kernel}'s code. */
    static MethodHandle currentKernel(Object kernel) {
        return MethodHandles.insertArguments(IS_CURRENT, 1, kernel);
    }

    private static boolean same(Object receiver, Object subsystem) {
        return receiver == subsystem;
    }

    private static boolean isCurrent(Object receiver, Object kernel) {
        return org.jstap.sim.Kernel.current() == kernel;
    }

    /**
     * kretprobe_trampoline_handler: a probed function returns; runs the return handlers of the
     * instances its entry took (none when {@code token} is null) and frees them.
     */
    public static void kretprobe_trampoline(Object token) {
        if (token != null) {
            trampoline((Kretprobe.Instance) token, NO_ARGS, null);
        }
    }

    /** The same, for return handlers that read the arguments or the (boxed) return value. */
    public static void kretprobe_trampoline(Object token, Object[] args, Object returned) {
        if (token != null) {
            trampoline((Kretprobe.Instance) token, args, returned);
        }
    }

    private static void trampoline(Kretprobe.Instance ri, Object[] args, Object returned) {
        while (ri != null) {
            Kretprobe.Instance next = ri.next;
            ri.rp.leave(ri, args, returned);
            ri = next;
        }
    }

    /**
     * The function ends by an exception (a task's stack unwound by do_exit, or an oops): its
     * instances go back unfired, as kprobe_flush_task recycles an exiting task's instances.
     */
    public static void kretprobe_unwind(Object token) {
        Kretprobe.Instance ri = (Kretprobe.Instance) token;
        while (ri != null) {
            Kretprobe.Instance next = ri.next;
            ri.rp.release(ri);
            ri = next;
        }
    }
}
