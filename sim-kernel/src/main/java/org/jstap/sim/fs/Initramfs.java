package org.jstap.sim.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The initramfs the machine boots with, as the cpio archive's entries would list it: directories,
 * files with their mode and content, and symlinks, in order. {@code populate_rootfs} unpacks it
 * into rootfs at boot. A file added without a mode is executable if it looks like a program
 * (binfmt_java's magic, an ELF header or "#!"), 0644 otherwise.
 */
public final class Initramfs {
    /** One archive entry: a file ({@code content}), a directory or a symlink ({@code target}). */
    public record Entry(String path, int mode, byte[] content, String target) {}

    /** The archive's mtime for every entry: the image was built the day before the RTC's power-on time. */
    public static final long ARCHIVE_MTIME_S = 1_767_139_200L;

    private final List<Entry> entries = new ArrayList<>();

    public Initramfs add(String path, byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 5), StandardCharsets.ISO_8859_1);
        boolean program = head.startsWith(BinfmtJava.MAGIC) || head.startsWith("#!") || head.startsWith(BinfmtElf.ELFMAG);
        return add(path, content, program ? 0755 : 0644);
    }

    public Initramfs add(String path, String content) {
        return add(path, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Initramfs add(String path, byte[] content, int perm) {
        entries.removeIf(e -> e.path().equals(path));
        entries.add(new Entry(path, Mode.S_IFREG | (perm & Mode.S_IALLUGO), content.clone(), null));
        return this;
    }

    public Initramfs mkdir(String path, int perm) {
        entries.add(new Entry(path, Mode.S_IFDIR | (perm & Mode.S_IALLUGO), null, null));
        return this;
    }

    public Initramfs symlink(String path, String target) {
        entries.add(new Entry(path, Mode.S_IFLNK | 0777, null, target));
        return this;
    }

    /** A file's content as archived, or null (what exec read before the VFS existed; tests use it too). */
    public byte[] lookup(String path) {
        for (Entry e : entries) {
            if (e.path().equals(path) && e.content() != null) {
                return e.content().clone();
            }
        }
        return null;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }
}
