package org.jstap.sim.ltp;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.jstap.sim.kernel.Errno;

/** errno names for messages, as LTP's tst_strerrno prints them. */
final class Errnos {
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (Field f : Errno.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    NAMES.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        NAMES.put(Errno.EAGAIN, "EAGAIN");
        NAMES.put(Errno.EOPNOTSUPP, "EOPNOTSUPP");
    }

    private Errnos() {}

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
