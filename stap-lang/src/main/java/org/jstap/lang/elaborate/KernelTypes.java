package org.jstap.lang.elaborate;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's C struct names and the classes that stand for them, for {@code @cast(addr,
 * "task_struct")}, {@code -L}-style type names and stap's "unable to find member ... for struct
 * file". A class is named after its Linux struct by snake case ({@code TaskStruct} is
 * task_struct, {@code SuperBlock} super_block); the few Linux spells differently are listed.
 * The table holds the structures a script reaches from kernel addresses and every kernel class
 * their fields lead to.
 */
public final class KernelTypes {
    /** Structures that live at a kernel address (KernelObject), the roots of the table. */
    private static final Class<?>[] ROOTS = {org.jstap.sim.kernel.sched.TaskStruct.class,
        org.jstap.sim.fs.File.class, org.jstap.sim.fs.Inode.class, org.jstap.sim.fs.Dentry.class,
        org.jstap.sim.fs.SuperBlock.class, org.jstap.sim.fs.VfsMount.class, org.jstap.sim.mm.MmStruct.class,
        org.jstap.sim.mm.VmAreaStruct.class, org.jstap.sim.net.core.SkBuff.class,
        org.jstap.sim.net.core.NetDevice.class, org.jstap.sim.net.core.NapiStruct.class};

    /** Where Linux's name is not the class name in snake case. */
    private static final Map<String, String> LINUX_NAMES = Map.of("VfsMount", "vfsmount", "Qdisc", "Qdisc");

    private static final String KERNEL_PACKAGE = "org.jstap.sim.";

    private static final Map<String, Class<?>> BY_NAME = build();

    private KernelTypes() {}

    /** The class of {@code struct NAME} (with or without "struct "), or null if the kernel has none. */
    public static Class<?> forName(String type) {
        String name = type.strip();
        if (name.startsWith("struct ")) {
            name = name.substring("struct ".length()).strip();
        }
        return BY_NAME.get(name);
    }

    /** The C struct name of a kernel class ({@code task_struct}), or null for a class that is not one. */
    public static String structName(Class<?> c) {
        if (c == null || c.isPrimitive() || c.isArray() || !c.getName().startsWith(KERNEL_PACKAGE)) {
            return null;
        }
        String simple = c.getSimpleName();
        String linux = LINUX_NAMES.get(simple);
        if (linux != null) {
            return linux;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char ch = simple.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(ch));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Class<?>> build() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        ArrayDeque<Class<?>> todo = new ArrayDeque<>(java.util.List.of(ROOTS));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            String name = structName(c);
            if (name == null || c.isInterface() || c.isEnum() || out.putIfAbsent(name, c) != null) {
                continue;
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        todo.add(f.getType());
                    }
                }
            }
        }
        return Map.copyOf(out);
    }
}
