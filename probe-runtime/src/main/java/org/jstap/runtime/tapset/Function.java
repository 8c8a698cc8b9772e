package org.jstap.runtime.tapset;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method as a script-callable function, the role embedded-C functions play in
 * SystemTap's tapsets. Parameter and return types map {@code long} to long and {@code String} to
 * string; a leading {@code Context} parameter is passed by the caller and not visible to scripts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Function {
    /** The name scripts call; defaults to the method name. */
    String value() default "";

    /** No side effects (stap's {@code /* pure * /}): a call whose result is unused may be elided. */
    boolean pure() default false;

    /**
     * The method's last parameter is a {@code String} the compiler fills with stap's location of
     * the call ({@code identifier 'user_string' at t.stp:3:9}), for errors worded as stap's
     * embedded-C functions word theirs; it is not visible to scripts.
     */
    boolean near() default false;
}
