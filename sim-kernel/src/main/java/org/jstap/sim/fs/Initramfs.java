package org.jstap.sim.fs;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * init/initramfs.c's input: the files the machine boots with, by absolute path. Until the VFS
 * (issue 6) unpacks them into a ramfs, exec reads programs from here directly.
 */
public final class Initramfs {
    private final Map<String, byte[]> files = new TreeMap<>();

    public Initramfs add(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    public byte[] lookup(String path) {
        byte[] f = files.get(path);
        return f == null ? null : f.clone();
    }

    public Map<String, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }
}
