package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.kprobes.Kprobe;
import org.jstap.sim.kernel.kprobes.Kprobes;
import org.jstap.sim.kernel.kprobes.Kretprobe;
import org.jstap.sim.kernel.time.Timekeeping;
import org.junit.jupiter.api.Test;

/**
 * The kprobes acceptance test: a thousand attach/detach cycles while the kernel runs lose and
 * duplicate no hit (each window's count is the kernel's own jiffies advance), a second kernel in
 * the same JVM never fires the first one's probes, and after the last detach the kernel class
 * holds its original class file again.
 */
class KprobeChurnTest {
    /** One jiffy at the default HZ: each window runs the machine through at least one tick. */
    private static final long WINDOW_NS = 4_000_000L;
    private static final int CYCLES = Integer.getInteger("cycles", 1000);

    @Test
    void attachDetach1000Times_countsEveryTickOnceAndLeavesTheClassAsLoaded() throws IOException {
        Kernel kernel = Kernel.boot(KernelConfig.defaults());
        Kernel other = Kernel.boot(KernelConfig.defaults());
        try {
            long[] hits = new long[1];
            long expected = 0;
            long otherTicks = 0;
            for (int i = 0; i < CYCLES; i++) {
                kernel.bind_current_thread();
                // now and then another shape, so the class is also rewritten as with-args and return
                boolean withArgs = i % 100 == 0;
                // with arguments the handler adds do_timer's ticks; without, each call is one tick
                Kprobe entry = new Kprobe("do_timer", false,
                        (args, ret) -> hits[0] += withArgs ? (Long) args[0] : 1, withArgs);
                Kretprobe ret = i % 100 == 50 ? new Kretprobe("do_timer", null, (ri, args, r) -> { }, false, 0) : null;
                assertEquals(0, kernel.kprobes().register_kprobe(entry));
                if (ret != null) {
                    assertEquals(0, kernel.kprobes().register_kretprobe(ret));
                }
                long before = kernel.timekeeping().jiffies();
                kernel.run_until(() -> false, kernel.timekeeping().ktime_get_ns() + WINDOW_NS);
                expected += kernel.timekeeping().jiffies() - before;
                // the other kernel ticks with the class instrumented, but its calls are not ours
                other.bind_current_thread();
                long otherBefore = other.timekeeping().jiffies();
                other.run_until(() -> false, other.timekeeping().ktime_get_ns() + WINDOW_NS);
                otherTicks += other.timekeeping().jiffies() - otherBefore;
                kernel.bind_current_thread();
                if (ret != null) {
                    assertEquals(entry.nhit(), ret.nhit(), "cycle " + i);
                    kernel.kprobes().unregister_kretprobe(ret);
                }
                kernel.kprobes().unregister_kprobe(entry);
                assertEquals(expected, hits[0], "cycle " + i);
            }
            assertTrue(otherTicks > 0);
            assertEquals(0, Kprobes.armed_functions());
            // the delayed restore, now: no function keeps inserted code
            Kprobes.wait_for_kprobe_optimizer();
            assertEquals(0, Kprobes.instrumented_functions());
            // what the JVM was handed back at the last detach, compared in full (every member and
            // instruction) with the file on the class path; the JVM rebuilds the class file it
            // passes to a retransformation, with its methods in its own order and its own
            // constant pool layout, so the comparison is of members in name order
            assertEquals(text(classFile(Timekeeping.class)), text(Kprobes.kernel_text(Timekeeping.class)));
        } finally {
            kernel.kernel_power_off();
            other.kernel_power_off();
        }
    }

    private static String text(byte[] classFile) {
        org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
        new org.objectweb.asm.ClassReader(classFile).accept(node, 0);
        node.methods.sort(java.util.Comparator.comparing(m -> m.name + m.desc));
        node.fields.sort(java.util.Comparator.comparing(f -> f.name));
        java.io.StringWriter out = new java.io.StringWriter();
        node.accept(new org.objectweb.asm.util.TraceClassVisitor(new java.io.PrintWriter(out)));
        return out.toString();
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
