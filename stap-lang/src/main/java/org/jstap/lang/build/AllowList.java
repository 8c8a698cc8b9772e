package org.jstap.lang.build;

import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Pass 4's check that a module only reaches what a script may reach: itself, the probe runtime's
 * API, strings, and the lambda bootstrap that hands probes to the session. No file system,
 * reflection, threads, or kernel internals except through the runtime.
 */
public final class AllowList {
    private static final Set<String> CLASSES = Set.of("java/lang/Object", "java/lang/String",
            "java/lang/StringBuilder", "java/lang/invoke/LambdaMetafactory");
    private static final String RUNTIME = "org/jstap/runtime/";

    private AllowList() {}

    /** Thrown when generated code names a class outside the allow-list: a translator bug. */
    public static final class Violation extends RuntimeException {
        public Violation(String message) {
            super(message);
        }
    }

    public static void check(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        String self = reader.getClassName();
        Set<String> bad = new TreeSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        note(owner);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String n, String d) {
                        note(owner);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        note(type);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        note(bsm.getOwner());
                        for (Object a : args) {
                            if (a instanceof Handle h) {
                                note(h.getOwner());
                            }
                        }
                    }

                    @Override
                    public void visitTryCatchBlock(org.objectweb.asm.Label s, org.objectweb.asm.Label e,
                                                   org.objectweb.asm.Label h, String type) {
                        if (type != null) {
                            note(type);
                        }
                    }
                };
            }

            private void note(String owner) {
                String element = owner.startsWith("[") ? owner.replaceAll("^\\[+L?|;$", "") : owner;
                if (!element.equals(self) && !CLASSES.contains(element) && !element.startsWith(RUNTIME)) {
                    bad.add(element);
                }
            }
        }, ClassReader.SKIP_DEBUG);
        if (!bad.isEmpty()) {
            throw new Violation("generated module " + self + " reaches classes outside the runtime API: " + bad);
        }
    }
}
