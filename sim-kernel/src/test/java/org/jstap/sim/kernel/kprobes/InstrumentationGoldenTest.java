package org.jstap.sim.kernel.kprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * What a kprobe does to a kernel method, as a textual diff of its bytecode before and after, kept
 * in {@code golden/kprobes/NAME.diff}. Run with {@code -Djstap.regenerate=true} to rewrite them.
 */
class InstrumentationGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/kprobes");

    @ParameterizedTest(name = "{0}.{1} return={3} args={4}")
    @CsvSource({
        "org/jstap/sim/kernel/time/Timekeeping, do_timer, (J)V, false, false",
        "org/jstap/sim/kernel/time/Timekeeping, do_timer, (J)V, false, true",
        "org/jstap/sim/kernel/Softirq, raise_softirq, (II)V, false, true",
        "org/jstap/sim/kernel/time/Hrtimers, hrtimer_cancel, (Lorg/jstap/sim/kernel/time/Hrtimer;)Z, false, true",
        "org/jstap/sim/kernel/time/Timekeeping, do_timer, (J)V, true, false",
        "org/jstap/sim/kernel/time/Hrtimers, hrtimer_cancel, (Lorg/jstap/sim/kernel/time/Hrtimer;)Z, true, false",
        "org/jstap/sim/kernel/time/Hrtimers, hrtimer_cancel, (Lorg/jstap/sim/kernel/time/Hrtimer;)Z, true, true",
    })
    void instrumentedMethod_matchesGoldenDiff(String owner, String method, String descriptor, boolean ret,
                                              boolean args) throws IOException {
        byte[] original = classBytes(owner);
        Map<String, KprobeTransformer.Site> probed = Map.of(method + descriptor, new KprobeTransformer.Site(7, ret, args));
        byte[] instrumented = KprobeTransformer.instrument(original, probed);
        // the instrumented class must verify
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(instrumented), getClass().getClassLoader(), false,
                new PrintWriter(report));
        assertEquals("", report.toString());

        String diff = diff(text(original, method, descriptor), text(instrumented, method, descriptor));
        Path golden = GOLDEN.resolve(owner.substring(owner.lastIndexOf('/') + 1) + "." + method
                + (ret ? ".return" : "") + (args ? ".args" : "") + ".diff");
        if (Boolean.getBoolean("jstap.regenerate") || !Files.exists(golden)) {
            Files.writeString(golden, diff, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), diff);
    }

    @org.junit.jupiter.api.Test
    void noProbes_leaveTheClassAsLoaded() throws IOException {
        KprobeTransformer t = new KprobeTransformer("org/jstap/sim/kernel/time/Timekeeping", Map.of());
        assertNull(t.transform(null, null, "org/jstap/sim/kernel/time/Timekeeping", null, null,
                classBytes("org/jstap/sim/kernel/time/Timekeeping")));
    }

    private static byte[] classBytes(String owner) throws IOException {
        try (InputStream in = InstrumentationGoldenTest.class.getClassLoader().getResourceAsStream(owner + ".class")) {
            return in.readAllBytes();
        }
    }

    private static List<String> text(byte[] classFile, String method, String descriptor) {
        org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        List<String> lines = new ArrayList<>();
        for (org.objectweb.asm.tree.MethodNode m : node.methods) {
            if (m.name.equals(method) && m.desc.equals(descriptor)) {
                Textifier textifier = new Textifier();
                m.accept(new TraceMethodVisitor(textifier));
                StringWriter w = new StringWriter();
                textifier.print(new PrintWriter(w));
                w.toString().lines().filter(l -> !l.isBlank() && !l.contains("LINENUMBER")
                        && !l.strip().matches("L\\d+")).forEach(lines::add);
            }
        }
        return lines;
    }

    /** A minimal line diff: lines only in the original ("-"), only in the instrumented ("+"), common (" "). */
    private static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append(' ').append(a.get(i++)).append('\n');
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append('+').append(b.get(j++)).append('\n');
            } else {
                out.append('-').append(a.get(i++)).append('\n');
            }
        }
        return out.toString();
    }
}
