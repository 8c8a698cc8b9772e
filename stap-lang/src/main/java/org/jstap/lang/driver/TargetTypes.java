package org.jstap.lang.driver;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.regex.Pattern;
import org.jstap.lang.elaborate.ResolvedPoint;

/**
 * What {@code -L} shows after a probe point: its target variables with the C types the Linux
 * declaration gives them, as stap -L prints DWARF's ({@code $file:struct file* $buf:char*
 * $count:size_t $ppos:loff_t*}). A Java kernel method says less than C: a user pointer and a
 * size are both {@code long}. So a primitive parameter takes its Linux type from its name, the
 * way the kernel names them ({@code buf} is {@code char __user *}, {@code count} is
 * {@code size_t}, {@code pos} is {@code loff_t}); a kernel object is the struct of its class.
 */
final class TargetTypes {
    private TargetTypes() {}

    /**
     * Linux's types of primitive parameters, by name and Java type. Keyed "name:javatype" so that
     * an {@code int len} (a kernel-internal length) keeps {@code int} while {@code long len}
     * (a syscall's size_t) becomes size_t.
     */
    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("buf:long", "char*"),
            Map.entry("ubuf:long", "char*"),
            Map.entry("filename:long", "char const*"),
            Map.entry("pathname:long", "char const*"),
            Map.entry("name:long", "char*"),
            Map.entry("count:long", "size_t"),
            Map.entry("len:long", "size_t"),
            Map.entry("size:long", "size_t"),
            Map.entry("length:long", "size_t"),
            Map.entry("sigsetsize:long", "size_t"),
            Map.entry("pos:long", "loff_t"),
            Map.entry("offset:long", "loff_t"),
            Map.entry("ppos:long[]", "loff_t*"),
            Map.entry("pos:long[]", "loff_t*"),
            Map.entry("mode:int", "umode_t"),
            Map.entry("pid:int", "pid_t"),
            Map.entry("pid:long", "pid_t"),
            Map.entry("uid:int", "uid_t"),
            Map.entry("gid:int", "gid_t"),
            Map.entry("dev:int", "dev_t"),
            Map.entry("irq:int", "unsigned int"),
            Map.entry("gfp:int", "gfp_t"),
            Map.entry("sector:long", "sector_t"),
            Map.entry("addr:long", "long unsigned int"),
            Map.entry("start:long", "long unsigned int"),
            Map.entry("pfn:long", "long unsigned int"),
            Map.entry("flags:long", "long unsigned int"),
            Map.entry("clone_flags:long", "long unsigned int"),
            Map.entry("expires:long", "long unsigned int"),
            Map.entry("ns:long", "u64"));

    /** The read/write family returns ssize_t (fs/read_write.c); lseek returns loff_t. */
    private static final Pattern SSIZE_T = Pattern.compile("(vfs|ksys|kernel|do)_(p?read|p?write)\\w*");
    private static final Pattern LOFF_T = Pattern.compile("(vfs|ksys|default|generic_file|no)_l+seek\\w*");

    /** Java classes whose Linux struct name is not their name in snake case. */
    private static final Map<String, String> STRUCTS = Map.of(
            "VfsMount", "vfsmount",
            "SkBuff", "sk_buff");

    static String describe(ResolvedPoint point) {
        return switch (point) {
            case ResolvedPoint.KernelFunction f -> {
                StringBuilder out = new StringBuilder(parameters(f.method()));
                if (f.isReturn() && f.method().getReturnType() != void.class) {
                    out.append(" $return:").append(returnType(f.method()));
                }
                yield out.toString();
            }
            case ResolvedPoint.Tracepoint t -> parameters(t.event());
            default -> "";
        };
    }

    private static String parameters(Method m) {
        StringBuilder out = new StringBuilder();
        for (Parameter p : m.getParameters()) {
            out.append(" $").append(p.getName()).append(':').append(cType(m, p));
        }
        return out.toString();
    }

    /** A parameter's C type: by its Linux name for primitives, else the struct of its class. */
    static String cType(Method m, Parameter p) {
        String javaType = p.getType().isArray() ? p.getType().getComponentType().getName() + "[]"
                : p.getType().getName();
        if (p.getName().equals("buf") && p.getType() == long.class && m.getName().contains("write")) {
            // what is written is read from user memory: const char __user *buf
            return "char const*";
        }
        String named = BY_NAME.get(p.getName() + ":" + javaType);
        if (named != null) {
            return named;
        }
        if (p.getName().equals("fd") && p.getType() == int.class
                && (m.getName().startsWith("__do_sys_") || m.getName().startsWith("ksys_"))) {
            // the syscalls' descriptors are unsigned int fd (fs/read_write.c, fs/open.c)
            return "unsigned int";
        }
        return cType(p.getType());
    }

    static String returnType(Method m) {
        if (m.getReturnType() == long.class) {
            if (SSIZE_T.matcher(m.getName()).matches()) {
                return "ssize_t";
            }
            if (LOFF_T.matcher(m.getName()).matches()) {
                return "loff_t";
            }
        }
        return cType(m.getReturnType());
    }

    /** The C type a kernel declaration would use for a Java type. */
    static String cType(Class<?> c) {
        if (c == long.class) {
            return "long int";
        }
        if (c == int.class) {
            return "int";
        }
        if (c == boolean.class) {
            return "_Bool";
        }
        if (c == char.class || c == byte.class) {
            return "char";
        }
        if (c == short.class) {
            return "short int";
        }
        if (c == String.class) {
            // the kernel's names and paths: const char *
            return "char const*";
        }
        if (c.isArray()) {
            return cType(c.getComponentType()) + "*";
        }
        if (c.getName().startsWith("java.")) {
            // a host-side Java object the kernel passes along: opaque to a script
            return "void*";
        }
        return "struct " + STRUCTS.getOrDefault(c.getSimpleName(), snake(c.getSimpleName())) + "*";
    }

    /** TimerList -> timer_list, as the Linux struct it stands for. */
    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
