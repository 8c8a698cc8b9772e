package org.jstap.runtime;

/**
 * {@code @cast(addr, "struct file")->f_path->dentry}: reads a kernel structure at an address. The
 * translator checked the type and the field path against the kernel's classes; here the address
 * is turned back into the object a probe handed out (or a task, by its task_struct address),
 * and an address that holds no such object is stap's "kernel read fault" at it.
 */
public final class Cast {
    private Cast() {}

    public static long readLong(Context c, long addr, String type, String path, String near) {
        return c.address(read(c, addr, type, path, near));
    }

    public static String readString(Context c, long addr, String type, String path, String near) {
        Object v = read(c, addr, type, path, near);
        return v == null ? "" : c.clip(v.toString());
    }

    /** {@code @cast(...)->f$} and {@code $$}: the value pretty-printed, as for $target variables. */
    public static String pretty(Context c, long addr, String type, String path, long depth, String near) {
        return c.clip(TargetFields.pretty(read(c, addr, type, path, near), (int) depth, c));
    }

    private static Object read(Context c, long addr, String type, String path, String near) {
        Object o = c.objectAt(addr);
        if (o == null || !o.getClass().getName().equals(type)) {
            throw new StapError(String.format("kernel read fault at 0x%016x near %s", addr, near));
        }
        return path.isEmpty() ? o : TargetFields.read(o, path);
    }
}
