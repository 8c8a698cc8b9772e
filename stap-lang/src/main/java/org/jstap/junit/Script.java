package org.jstap.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A script {@link JstapTest} attaches before the test runs. Give exactly one of {@link #value}
 * (the script's text), {@link #resource} (a classpath resource, relative to the test class unless
 * it starts with '/') or {@link #file} (a path, relative to the working directory). On a class or
 * method, the sessions go in order to the test's un-annotated {@link org.jstap.api.ProbeSession}
 * parameters; on a parameter, that parameter gets a session of its own.
 *
 * <pre>{@code
 * @Test
 * @Script(resource = "/scripts/open-snoop.stp")
 * void snoop(Machine m, ProbeSession snoop,
 *            @Script(value = "global n; probe syscall.pipe2 { n++ }", defines = "MAXACTION=5000") ProbeSession pipes) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Script.List.class)
public @interface Script {
    /** The script's text. */
    String value() default "";

    /** A classpath resource holding the script. */
    String resource() default "";

    /** A file holding the script. */
    String file() default "";

    /** {@code -D NAME=VALUE} limits. */
    String[] defines() default {};

    /** Script arguments ($1, @1 ...). */
    String[] args() default {};

    /** Holds repeated {@link Script}s. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {
        Script[] value();
    }
}
