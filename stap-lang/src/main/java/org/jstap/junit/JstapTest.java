package org.jstap.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) whose tests each get a freshly booted {@link org.jstap.api.Machine}
 * with the {@link Script}s named on the class and the method attached; the machine and the
 * sessions are injected as parameters, and a failing test prints the scripts' output and the
 * machine's dmesg. The attributes configure the machine; a method's annotation overrides the
 * class's. Machines are independent, so the tests may run in parallel.
 *
 * <pre>{@code
 * @JstapTest(cpus = 1)
 * class CatTest {
 *     @Test
 *     @Script("global n; probe kernel.function(\"do_sys_open\") { if (pid() == target()) n++ }")
 *     void cat_opensItsFileOnce(Machine machine, ProbeSession opens) {
 *         machine.run("cat /etc/hostname");
 *         TraceAssertions.assertCount(opens, "n", 1);
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(JstapExtension.class)
public @interface JstapTest {
    /** Virtual CPUs ({@code --cpus}). */
    int cpus() default 2;

    /** RAM in MiB ({@code --mem}). */
    int memoryMiB() default 128;

    /** The machine's seed ({@code --seed}). */
    long seed() default 0;

    /** More kernel command line parameters ({@code --append}). */
    String append() default "";
}
