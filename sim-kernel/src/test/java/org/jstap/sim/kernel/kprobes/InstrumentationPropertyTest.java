package org.jstap.sim.kernel.kprobes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.sim.kernel.Kallsyms;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * DESIGN.md's rule "functions that no script probes carry no inserted code", for every class of
 * the kernel image: rewriting with no probes gives the class file byte for byte, and probing some
 * functions leaves every other method's code as it was and still verifies.
 */
class InstrumentationPropertyTest {

    @Property(tries = 60)
    void noProbes_changeNoByte(@ForAll("imageClasses") Class<?> owner, @ForAll("probeSets") List<Integer> elsewhere)
            throws IOException {
        byte[] original = classBytes(owner);
        String name = Type.getInternalName(owner);
        // probes only in other classes: this class is not rewritten (null keeps the JVM's bytes)
        Map<String, KprobeTransformer.Site> probed = new LinkedHashMap<>();
        for (int s : elsewhere) {
            var m = Kallsyms.symbols().get(s).method();
            probed.put(m.getName() + Type.getMethodDescriptor(m), new KprobeTransformer.Site(s, false, false));
        }
        String other = Type.getInternalName(Kallsyms.symbols().get(elsewhere.get(0)).method().getDeclaringClass());
        if (!other.equals(name)) {
            assertNull(new KprobeTransformer(other, probed).transform(null, null, name, owner, null, original));
        }
        // no probes in this class: not rewritten either
        assertNull(new KprobeTransformer(name, Map.of()).transform(null, null, name, owner, null, original));
        assertArrayEquals(original, KprobeTransformer.instrument(original, Map.of()), owner.getName());
    }

    @Property(tries = 60)
    void someProbes_leaveOtherMethodsUnchanged(@ForAll("probeSets") List<Integer> symbols) throws IOException {
        Class<?> owner = Kallsyms.symbols().get(symbols.get(0)).method().getDeclaringClass();
        Map<String, KprobeTransformer.Site> probed = new LinkedHashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            var m = Kallsyms.symbols().get(symbols.get(i)).method();
            if (m.getDeclaringClass() == owner) {
                // vary the shapes: entry or return, with or without arguments
                probed.put(m.getName() + Type.getMethodDescriptor(m),
                        new KprobeTransformer.Site(symbols.get(i), (i & 1) == 1, (i & 2) == 2));
            }
        }
        byte[] original = classBytes(owner);
        byte[] instrumented = KprobeTransformer.instrument(original, probed);
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(instrumented), getClass().getClassLoader(), false,
                new PrintWriter(report));
        assertEquals("", report.toString());
        Map<String, String> before = methods(original);
        Map<String, String> after = methods(instrumented);
        assertEquals(before.keySet(), after.keySet());
        for (String m : before.keySet()) {
            if (!probed.containsKey(m)) {
                assertEquals(before.get(m), after.get(m), m);
            }
        }
    }

    @Provide
    Arbitrary<Class<?>> imageClasses() {
        List<Class<?>> classes = Kallsyms.symbols().stream().<Class<?>>map(s -> s.method().getDeclaringClass())
                .distinct().toList();
        return Arbitraries.of(classes);
    }

    @Provide
    Arbitrary<List<Integer>> probeSets() {
        return Arbitraries.integers().between(0, Kallsyms.symbols().size() - 1).list().ofMinSize(1).ofMaxSize(6);
    }

    private static Map<String, String> methods(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        Map<String, String> out = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            Textifier t = new Textifier();
            m.accept(new TraceMethodVisitor(t));
            StringWriter w = new StringWriter();
            t.print(new PrintWriter(w));
            out.put(m.name + m.desc, w.toString());
        }
        return out;
    }

    private static byte[] classBytes(Class<?> owner) throws IOException {
        try (InputStream in = owner.getClassLoader().getResourceAsStream(Type.getInternalName(owner) + ".class")) {
            return in.readAllBytes();
        }
    }
}
