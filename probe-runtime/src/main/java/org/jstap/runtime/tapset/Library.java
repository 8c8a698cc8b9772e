package org.jstap.runtime.tapset;

import java.util.List;

/** The classes whose {@link Function} methods scripts may call: the runtime's allow-list. */
public final class Library {
    private Library() {}

    public static final List<Class<?>> CLASSES = List.of(Control.class, Regex.class, Strings.class, Time.class, Backtrace.class, Task.class,
            Tasks.class, Kmem.class, Misc.class,
            UserMemory.class, Syscalls.class, SyscallFlags.class, SocketArgs.class, StatArgs.class, ResultArgs.class, TaskTime.class, Dev.class, Vm.class,
            Fds.class);
}
