package org.jstap.sim.kernel.kprobes;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.LinuxFile;

/**
 * kernel/kprobes.c: {@code register_kprobe}/{@code unregister_kprobe} (and the kretprobe forms)
 * by rewriting the probed kernel class while the kernel runs, and restoring it when its last
 * probe goes. The rewrite is shared by every kernel in the JVM; each probe fires only in the
 * kernel it was registered with.
 */
@LinuxFile("kernel/kprobes.c")
public final class Kprobes {
    /** Every registered probe in the JVM, by symbol index; guarded by the class lock. */
    private static final Map<Integer, List<Kprobe>> REGISTERED = new HashMap<>();

    private final Kernel kernel;
    /** A kprobe handler is running on this kernel (kprobe_running()); guarded by the running thread. */
    boolean running;

    public Kprobes(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Arms {@code p}: 0, -ENOENT for an unknown symbol, -ENOSYS without the instrumentation agent. */
    public int register_kprobe(Kprobe p) {
        int index = indexOf(p.symbol);
        if (index < 0) {
            return -Errno.ENOENT;
        }
        if (Agent.instrumentation() == null) {
            return -Errno.ENOSYS;
        }
        p.kernel = kernel;
        p.index = index;
        synchronized (Kprobes.class) {
            REGISTERED.computeIfAbsent(index, k -> new ArrayList<>()).add(p);
            publish();
            return retransform(Kallsyms.symbols().get(index).method().getDeclaringClass());
        }
    }

    public void unregister_kprobe(Kprobe p) {
        if (p.index < 0) {
            return;
        }
        synchronized (Kprobes.class) {
            List<Kprobe> list = REGISTERED.get(p.index);
            if (list != null && list.remove(p)) {
                if (list.isEmpty()) {
                    REGISTERED.remove(p.index);
                }
                publish();
                retransform(Kallsyms.symbols().get(p.index).method().getDeclaringClass());
            }
            p.index = -1;
        }
    }

    /** True when the instrumentation agent is loaded, so kprobes can be armed. */
    public static boolean available() {
        return Agent.instrumentation() != null;
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

    /** Rebuilds the hook tables the instrumented code reads. */
    private static void publish() {
        int n = Kallsyms.symbols().size();
        Kprobe[][] entry = new Kprobe[n][];
        Kprobe[][] exit = new Kprobe[n][];
        for (var e : REGISTERED.entrySet()) {
            entry[e.getKey()] = e.getValue().stream().filter(p -> !p.isReturn).toArray(Kprobe[]::new);
            exit[e.getKey()] = e.getValue().stream().filter(p -> p.isReturn).toArray(Kprobe[]::new);
        }
        KprobeHooks.entry = entry;
        KprobeHooks.exit = exit;
    }

    /** Rewrites {@code owner} with hooks in exactly its currently probed methods (none restores it). */
    private static int retransform(Class<?> owner) {
        Map<String, Integer> probed = new HashMap<>();
        Set<Integer> withArgs = new HashSet<>();
        Set<Integer> indexes = new HashSet<>(REGISTERED.keySet());
        List<Kallsyms.Symbol> symbols = Kallsyms.symbols();
        for (int i : indexes) {
            Kallsyms.Symbol s = symbols.get(i);
            if (s.method().getDeclaringClass() == owner) {
                probed.put(s.method().getName() + org.objectweb.asm.Type.getMethodDescriptor(s.method()), i);
                if (REGISTERED.get(i).stream().anyMatch(p -> p.needsArgs)) {
                    withArgs.add(i);
                }
            }
        }
        Instrumentation inst = Agent.instrumentation();
        KprobeTransformer t = new KprobeTransformer(owner.getName().replace('.', '/'), probed, withArgs);
        inst.addTransformer(t, true);
        try {
            inst.retransformClasses(owner);
            return t.failure == null ? 0 : -Errno.EINVAL;
        } catch (UnmodifiableClassException | RuntimeException e) {
            return -Errno.EINVAL;
        } finally {
            inst.removeTransformer(t);
        }
    }
}
