package org.jstap.lang.build;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/** {@code -p3}: the generated module class as readable bytecode, with script line numbers. */
public final class ClassListing {
    private ClassListing() {}

    public static String of(byte[] classFile) {
        StringWriter text = new StringWriter();
        new ClassReader(classFile).accept(new TraceClassVisitor(new PrintWriter(text)), 0);
        return text.toString();
    }
}
