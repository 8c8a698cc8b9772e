package org.jstap.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file put into the root file system of the machine {@link JstapTest} boots, so a test's
 * workload has its input without a setup command that the probes would also see.
 *
 * <pre>{@code
 * @Test
 * @RootFile(path = "/tmp/in", content = "b\na\n")
 * void sort_readsItsInput(Machine machine) { assertEquals("a\nb\n", machine.run("sort /tmp/in").stdout()); }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RootFile.List.class)
public @interface RootFile {
    String path();

    String content();

    /** Holds repeated {@link RootFile}s. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {
        RootFile[] value();
    }
}
