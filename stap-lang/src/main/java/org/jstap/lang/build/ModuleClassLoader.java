package org.jstap.lang.build;

/**
 * Defines a module's class. Each module gets its own loader, so its static fields (the
 * script's globals) belong to that session alone.
 */
public final class ModuleClassLoader extends ClassLoader {
    public ModuleClassLoader(ClassLoader parent) {
        super(parent);
    }

    public Class<?> define(String name, byte[] classFile) {
        return defineClass(name.replace('/', '.'), classFile, 0, classFile.length);
    }
}
