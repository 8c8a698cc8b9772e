package org.jstap.sim.kernel.kprobes;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.LinuxFile;

/**
 * kernel/kprobes.c: {@code register_kprobe}/{@code unregister_kprobe} and
 * {@code register_kretprobe}/{@code unregister_kretprobe}, by rewriting the probed kernel class
 * while the kernel runs and restoring its original bytes when its last probe goes.
 *
 * <p>The rewrite is shared by every kernel in the JVM; what differs per kernel is the guard in
 * front of each probe at the function's call site ({@link KprobeHooks}). A function whose
 * receiver is a subsystem the kernel owns once ({@code kernel.timekeeping()} for
 * {@code do_timer}) is guarded by comparing the receiver with that object, one reference compare;
 * any other function by {@code Kernel.current()}, the thread's kernel. Either way a session's
 * probes fire only in its own kernel.
 */
@LinuxFile("kernel/kprobes.c")
public final class Kprobes {
    /** The probes armed on one function, in registration order, and each kernel's guard for it. */
    record Armed(List<Kprobe> kprobes, List<Kretprobe> kretprobes, Map<Kprobes, MethodHandle> guards) {
        static final Armed NONE = new Armed(List.of(), List.of(), Map.of());

        MethodHandle guard(Kprobes k) {
            return guards.get(k);
        }

        boolean needsArgs() {
            return kprobes.stream().anyMatch(p -> p.needsArgs) || kretprobes.stream().anyMatch(p -> p.needsArgs);
        }
    }

    /** Every armed probe in the JVM, by symbol index; guarded by the class lock. */
    private static final Map<Integer, Armed> ARMED = new HashMap<>();
    /** The class file each retransformed class got last; guarded by the class lock. */
    private static final Map<Class<?>, byte[]> TEXT = new HashMap<>();

    private final Kernel kernel;
    /** A kprobe handler is running on this kernel (kprobe_running()); guarded by the running thread. */
    boolean running;
    /** This kernel's guard per probed symbol, made on first use; guarded by {@code Kprobes.class}. */
    private final Map<Integer, MethodHandle> guards = new HashMap<>();

    public Kprobes(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Arms {@code p}: 0, -ENOENT for an unknown symbol, -EINVAL if armed already, -ENOSYS without the agent. */
    public int register_kprobe(Kprobe p) {
        if (p.isReturn) {
            Kretprobe rp = new Kretprobe(p.symbol, null, (ri, args, ret) -> p.handler.hit(args, ret), p.needsArgs, 0);
            int ret = register_kretprobe(rp);
            if (ret == 0) {
                p.kretprobe = rp;
                p.kprobes = this;
            }
            return ret;
        }
        int index = indexOf(p.symbol);
        int check = checkArmable(index, p.kprobes != null);
        if (check != 0) {
            return check;
        }
        synchronized (Kprobes.class) {
            p.kprobes = this;
            p.index = index;
            Armed old = ARMED.getOrDefault(index, Armed.NONE);
            List<Kprobe> list = new ArrayList<>(old.kprobes());
            list.add(p);
            int ret = update(index, old, new Armed(list, old.kretprobes(), withGuard(old, index)));
            if (ret != 0) {
                p.kprobes = null;
                p.index = -1;
            }
            return ret;
        }
    }

    public void unregister_kprobe(Kprobe p) {
        if (p.kretprobe != null) {
            unregister_kretprobe(p.kretprobe);
            p.kretprobe = null;
            p.kprobes = null;
            return;
        }
        if (p.index < 0 || p.kprobes != this) {
            return;
        }
        synchronized (Kprobes.class) {
            Armed old = ARMED.get(p.index);
            List<Kprobe> list = new ArrayList<>(old.kprobes());
            list.remove(p);
            update(p.index, old, new Armed(list, old.kretprobes(), old.guards()));
            p.index = -1;
            p.kprobes = null;
        }
    }

    /**
     * Arms {@code rp} with {@code rp.maxactive} instances (the default when 0 or less): 0, or the
     * errors of {@link #register_kprobe}.
     */
    public int register_kretprobe(Kretprobe rp) {
        int index = indexOf(rp.symbol);
        int check = checkArmable(index, rp.kprobes != null);
        if (check != 0) {
            return check;
        }
        synchronized (Kprobes.class) {
            rp.arm(this, rp.maxactive > 0 ? rp.maxactive : defaultMaxactive());
            rp.index = index;
            Armed old = ARMED.getOrDefault(index, Armed.NONE);
            List<Kretprobe> list = new ArrayList<>(old.kretprobes());
            list.add(rp);
            int ret = update(index, old, new Armed(old.kprobes(), list, withGuard(old, index)));
            if (ret != 0) {
                rp.disarm();
                rp.index = -1;
            }
            return ret;
        }
    }

    public void unregister_kretprobe(Kretprobe rp) {
        if (rp.index < 0 || rp.kprobes != this) {
            return;
        }
        synchronized (Kprobes.class) {
            Armed old = ARMED.get(rp.index);
            List<Kretprobe> list = new ArrayList<>(old.kretprobes());
            list.remove(rp);
            rp.disarm();
            update(rp.index, old, new Armed(old.kprobes(), list, old.guards()));
            rp.index = -1;
        }
    }

    /** Linux's default maxactive: max(10, 2 * num_possible_cpus()). */
    public int defaultMaxactive() {
        return Math.max(10, 2 * kernel.config().cpus());
    }

    /** True when the instrumentation agent is loaded, so kprobes can be armed. */
    public static boolean available() {
        return Agent.instrumentation() != null;
    }

    /**
     * The kernel text of {@code owner} as kprobes last installed it (the class file the JVM was
     * given at the last retransformation: the original bytes once its last probe went), or null if
     * kprobes never rewrote it. Lets tests prove a detach leaves no instrumentation behind.
     */
    public static byte[] kernel_text(Class<?> owner) {
        synchronized (Kprobes.class) {
            byte[] text = TEXT.get(owner);
            return text == null ? null : text.clone();
        }
    }

    /** How many kernel functions carry inserted code now (armed, or disarmed and not yet restored). */
    public static int instrumented_functions() {
        synchronized (Kprobes.class) {
            return INSTALLED.size();
        }
    }

    /** How many kernel functions have probes armed, over all kernels in the JVM. */
    public static int armed_functions() {
        synchronized (Kprobes.class) {
            return ARMED.size();
        }
    }

    /** The probes armed on {@code symbol} now; caller holds {@code Kprobes.class}. */
    static Armed armed(int symbol) {
        return ARMED.getOrDefault(symbol, Armed.NONE);
    }

    private static int checkArmable(int index, boolean armedAlready) {
        if (index < 0) {
            return -Errno.ENOENT;
        }
        if (armedAlready) {
            return -Errno.EINVAL;
        }
        return Agent.instrumentation() == null ? -Errno.ENOSYS : 0;
    }

    private static int indexOf(String symbol) {
        List<Kallsyms.Symbol> symbols = Kallsyms.symbols();
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).name().equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code old}'s guards with this kernel's for {@code index} added. */
    private Map<Kprobes, MethodHandle> withGuard(Armed old, int index) {
        Map<Kprobes, MethodHandle> g = new IdentityHashMap<>(old.guards());
        g.put(this, guards.computeIfAbsent(index, this::guard));
        return g;
    }

    /**
     * How a hit on {@code index} tells this kernel's calls apart: by the receiver when its class
     * allows ({@link KernelObjects}), else by the thread's kernel.
     */
    private MethodHandle guard(int index) {
        Method m = Kallsyms.symbols().get(index).method();
        MethodHandle byReceiver = Modifier.isStatic(m.getModifiers()) ? null
                : KernelObjects.ownerTest(kernel, m.getDeclaringClass());
        return byReceiver != null ? byReceiver : KprobeHooks.currentKernel(kernel);
    }

    /**
     * Publishes {@code now} for {@code index}: re-binds the call sites, and retransforms the owning
     * class when the function needs instrumentation of another shape than it has (its first
     * probe, its first return probe, its first probe that reads arguments). A function whose last
     * probe went is disarmed at once (its site does nothing) but keeps its code until the delayed
     * restore, as Linux unoptimizes kprobes after OPTIMIZE_DELAY: attach/detach churn then costs
     * one rewrite, not two per cycle.
     */
    private static int update(int index, Armed old, Armed now) {
        boolean empty = now.kprobes().isEmpty() && now.kretprobes().isEmpty();
        if (empty) {
            ARMED.remove(index);
        } else {
            ARMED.put(index, now);
        }
        KprobeHooks.rebind(index, now);
        int want = shape(now);
        int have = INSTALLED.getOrDefault(index, 0);
        if (want == have) {
            return 0;
        }
        Class<?> owner = Kallsyms.symbols().get(index).method().getDeclaringClass();
        if (empty) {
            scheduleRestore(owner);
            return 0;
        }
        if (batchDepth > 0) {
            // rewritten once at the end of the batch, with every probe the batch arms on it
            BATCHED.add(owner);
            return 0;
        }
        int ret = retransform(owner);
        if (ret != 0) {
            // the rewrite failed: the probe is not armed
            if (old.kprobes().isEmpty() && old.kretprobes().isEmpty()) {
                ARMED.remove(index);
            } else {
                ARMED.put(index, old);
            }
            KprobeHooks.rebind(index, old);
        }
        return ret;
    }

    /** Open {@link #batch}es, and the classes whose rewrite waits for the outermost to end; class lock. */
    private static int batchDepth;
    private static final java.util.Set<Class<?>> BATCHED = new java.util.LinkedHashSet<>();

    /**
     * Runs {@code registrations} (register_kprobe/register_kretprobe calls, which return as usual)
     * with the class rewrites they need put off to the end, where each class is rewritten once for
     * all of its new probes, as register_kprobes() arms an array at once: a session arming 200
     * syscall probes rewrites each class once, not once per function and shape. The probes fire
     * from the end of the batch. Returns 0, or -EINVAL if a class could not be rewritten; the
     * probes on it are then not armed ({@link #armed}) and the caller unregisters them.
     */
    public static int batch(Runnable registrations) {
        synchronized (Kprobes.class) {
            batchDepth++;
            try {
                registrations.run();
            } finally {
                batchDepth--;
            }
            if (batchDepth > 0) {
                return 0;
            }
            java.util.Set<Class<?>> failed = retransformAll(List.copyOf(BATCHED));
            FAILED.addAll(failed);
            BATCHED.clear();
            return failed.isEmpty() ? 0 : -Errno.EINVAL;
        }
    }

    private static long rewrites;

    /** Class rewrites (retransformations) done so far in this JVM, restores included. */
    public static long rewrites() {
        synchronized (Kprobes.class) {
            return rewrites;
        }
    }

    /** Classes a batch could not rewrite: their probes from it count as not armed. */
    private static final java.util.Set<Class<?>> FAILED = new java.util.HashSet<>();

    /** Whether {@code p} is registered and its function's code carries the hook. */
    public static boolean armed(Kprobe p) {
        synchronized (Kprobes.class) {
            if (p.kretprobe != null) {
                return armed(p.kretprobe);
            }
            return p.kprobes != null && rewritten(p.index);
        }
    }

    public static boolean armed(Kretprobe rp) {
        synchronized (Kprobes.class) {
            return rp.kprobes != null && rewritten(rp.index);
        }
    }

    /** Whether the class of the function at kallsyms {@code index} took its last rewrite. */
    private static boolean rewritten(int index) {
        return !FAILED.contains(Kallsyms.symbols().get(index).method().getDeclaringClass());
    }

    /** The instrumentation shape each function's code has now; guarded by the class lock. */
    private static final Map<Integer, Integer> INSTALLED = new HashMap<>();
    /** Classes whose last probes went and that are due to get their original code back. */
    private static final java.util.Set<Class<?>> PENDING = new java.util.LinkedHashSet<>();
    /** Host time a disarmed class keeps its instrumentation before it is restored. */
    private static final long RESTORE_DELAY_MS = 50;
    private static final java.util.concurrent.ScheduledExecutorService OPTIMIZER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kprobe-optimizer");
                t.setDaemon(true);
                return t;
            });

    private static void scheduleRestore(Class<?> owner) {
        if (PENDING.add(owner)) {
            OPTIMIZER.schedule(Kprobes::wait_for_kprobe_optimizer, RESTORE_DELAY_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * wait_for_kprobe_optimizer(): applies the delayed restores now, so every class without
     * probes has its original code again when this returns.
     */
    public static void wait_for_kprobe_optimizer() {
        synchronized (Kprobes.class) {
            retransformAll(List.copyOf(PENDING));
            PENDING.clear();
        }
    }

    /** The instrumentation a function needs: 0 none, else bit 1 entry, 2 return, 4 arguments. */
    private static int shape(Armed a) {
        if (a.kprobes().isEmpty() && a.kretprobes().isEmpty()) {
            return 0;
        }
        return 1 | (a.kretprobes().isEmpty() ? 0 : 2) | (a.needsArgs() ? 4 : 0);
    }

    /** Rewrites {@code owner} with hooks in exactly its currently probed methods (none restores it). */
    private static int retransform(Class<?> owner) {
        return retransformAll(List.of(owner)).isEmpty() ? 0 : -Errno.EINVAL;
    }

    /**
     * Rewrites {@code owners} as {@link #retransform} does, all in one class redefinition: the
     * JVM stops the world once for the lot instead of once per class, which is most of what
     * arming a script's probes costs. Returns the classes that could not be rewritten; if the
     * JVM refuses the lot, each class is tried alone so one bad class does not fail the rest.
     */
    private static java.util.Set<Class<?>> retransformAll(java.util.Collection<Class<?>> owners) {
        java.util.Set<Class<?>> failed = new java.util.LinkedHashSet<>();
        if (owners.isEmpty()) {
            return failed;
        }
        Map<Class<?>, KprobeTransformer> transformers = new java.util.LinkedHashMap<>();
        for (Class<?> owner : owners) {
            transformers.put(owner, transformer(owner));
        }
        Instrumentation inst = Agent.instrumentation();
        transformers.values().forEach(t -> inst.addTransformer(t, true));
        try {
            inst.retransformClasses(owners.toArray(Class<?>[]::new));
        } catch (UnmodifiableClassException | RuntimeException e) {
            transformers.values().forEach(inst::removeTransformer);
            if (owners.size() == 1) {
                failed.addAll(owners);
                return failed;
            }
            for (Class<?> owner : owners) {
                failed.addAll(retransformAll(List.of(owner)));
            }
            return failed;
        }
        transformers.values().forEach(inst::removeTransformer);
        for (var e : transformers.entrySet()) {
            KprobeTransformer t = e.getValue();
            if (t.installed != null) {
                TEXT.put(e.getKey(), t.installed);
            }
            if (t.failure != null) {
                failed.add(e.getKey());
            } else {
                rewritten(e.getKey());
            }
        }
        return failed;
    }

    /** The transformer that gives {@code owner} hooks in exactly its currently probed methods. */
    private static KprobeTransformer transformer(Class<?> owner) {
        Map<String, KprobeTransformer.Site> probed = new HashMap<>();
        List<Kallsyms.Symbol> symbols = Kallsyms.symbols();
        for (var e : ARMED.entrySet()) {
            Method m = symbols.get(e.getKey()).method();
            if (m.getDeclaringClass() == owner) {
                probed.put(m.getName() + org.objectweb.asm.Type.getMethodDescriptor(m), new KprobeTransformer.Site(
                        e.getKey(), !e.getValue().kretprobes().isEmpty(), e.getValue().needsArgs()));
            }
        }
        return new KprobeTransformer(owner.getName().replace('.', '/'), probed);
    }

    /** Records that {@code owner}'s functions now have exactly the shapes of their armed probes. */
    private static void rewritten(Class<?> owner) {
        List<Kallsyms.Symbol> symbols = Kallsyms.symbols();
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).method().getDeclaringClass() == owner) {
                int shape = shape(ARMED.getOrDefault(i, Armed.NONE));
                if (shape == 0) {
                    INSTALLED.remove(i);
                } else {
                    INSTALLED.put(i, shape);
                }
            }
        }
        PENDING.remove(owner);
        FAILED.remove(owner);
        rewrites++;
    }
}
