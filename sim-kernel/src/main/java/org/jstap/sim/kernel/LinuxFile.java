package org.jstap.sim.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Linux source file a kernel class stands for, e.g. {@code "kernel/time/timer.c"}, so that
 * {@code kernel.function("*@kernel/time/timer.c")} and {@code /proc/kallsyms} can name it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LinuxFile {
    String value();
}
