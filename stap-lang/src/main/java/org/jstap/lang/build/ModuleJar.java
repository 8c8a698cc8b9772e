package org.jstap.lang.build;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Pass 4: verifies the generated class and writes the module jar ({@code stap_XXXX.jar}, the
 * counterpart of stap's {@code .ko}).
 */
public final class ModuleJar {
    private ModuleJar() {}

    /** Verification failures are translator bugs: the message says what the verifier saw. */
    public static final class VerifyError extends RuntimeException {
        public VerifyError(String message) {
            super(message);
        }
    }

    /** Runs ASM's verifier over a class; throws {@link VerifyError} with its report. */
    public static void verify(byte[] classFile, ClassLoader loader) {
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), loader, false, new PrintWriter(report));
        if (!report.toString().isEmpty()) {
            throw new VerifyError(report.toString());
        }
    }

    public static Path write(Path dir, String moduleName, byte[] classFile) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve(moduleName + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Jstap-Module", moduleName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(moduleName + ".class"));
            out.write(classFile);
            out.closeEntry();
        }
        return jar;
    }
}
