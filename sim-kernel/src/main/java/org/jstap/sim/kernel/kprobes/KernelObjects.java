package org.jstap.sim.kernel.kprobes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.jstap.sim.Kernel;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Finds, for a probed kernel function, something cheaper than a thread-local that tells which
 * kernel a call belongs to: the function's receiver itself, when its class is a subsystem that
 * only {@code Kernel}'s constructor makes (one per kernel), or the receiver's own {@code Kernel}
 * field. Either way the check at a hit is one or two loads and a reference compare, which the JIT
 * folds into the kernel function.
 */
final class KernelObjects {
    /** Kernel classes made somewhere other than {@code Kernel}'s constructor; computed once. */
    private static Set<String> madeElsewhere;

    private KernelObjects() {}

    /**
     * {@code (Object receiver)boolean}: true when {@code kernel} owns the receiver; null when the
     * class gives no such test and the caller must fall back to {@code Kernel.current()}.
     */
    static MethodHandle ownerTest(Kernel kernel, Class<?> owner) {
        try {
            Field kernelField = null;
            for (Field f : owner.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                        && f.getType() == Kernel.class) {
                    if (kernelField != null) {
                        kernelField = null;
                        break;
                    }
                    kernelField = f;
                }
            }
            if (kernelField != null) {
                // receiver.kernel == kernel: true of every instance, however many the kernel has
                MethodHandle get = MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                        .unreflectGetter(kernelField).asType(java.lang.invoke.MethodType.methodType(
                                Object.class, Object.class));
                return MethodHandles.filterArguments(KprobeHooks.sameReceiver(kernel), 0, get);
            }
            Object only = onlyInstance(kernel, owner);
            return only == null ? null : KprobeHooks.sameReceiver(only);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The kernel's one instance of {@code owner}, if the class is made only by Kernel's constructor. */
    private static Object onlyInstance(Kernel kernel, Class<?> owner) throws IllegalAccessException {
        if (madeElsewhere().contains(Type.getInternalName(owner))) {
            return null;
        }
        Object only = null;
        for (Field f : Kernel.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !f.getType().isAssignableFrom(owner)) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(kernel);
            if (v != null && v.getClass() == owner) {
                if (only != null && only != v) {
                    return null;
                }
                only = v;
            }
        }
        return only;
    }

    /** Scans the kernel's classes for {@code new C} outside {@code Kernel.<init>}. */
    private static synchronized Set<String> madeElsewhere() {
        if (madeElsewhere != null) {
            return madeElsewhere;
        }
        Set<String> found = new HashSet<>();
        try {
            Path root = Path.of(Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                scan(root, found);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(root)) {
                    scan(jar.getPath("/"), found);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // cannot tell: every class counts as made elsewhere, so guards use Kernel.current()
            found.add("*");
        }
        if (found.contains("*")) {
            return madeElsewhere = new AllSet();
        }
        return madeElsewhere = found;
    }

    private static void scan(Path root, Set<String> found) throws IOException {
        String kernel = Type.getInternalName(Kernel.class);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(p)) {
                    ClassReader reader = new ClassReader(in);
                    String self = reader.getClassName();
                    reader.accept(new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                         String[] exceptions) {
                            boolean kernelInit = self.equals(kernel) && name.equals("<init>");
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitTypeInsn(int opcode, String type) {
                                    if (opcode == Opcodes.NEW && !kernelInit) {
                                        found.add(type);
                                    }
                                }
                            };
                        }
                    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                }
            }
        }
    }

    /** "Every class": the answer when the kernel's classes could not be read. */
    private static final class AllSet extends java.util.AbstractSet<String> {
        @Override
        public boolean contains(Object o) {
            return true;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return Integer.MAX_VALUE;
        }
    }
}
