package org.jstap.lang.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Compiled modules kept between runs, as stap keeps {@code ~/.systemtap/cache}: a module is found
 * by a hash of everything that decides it (script, arguments, tapsets, translator options, jstap
 * version), so a repeated run skips passes 1-4. The warnings those passes printed are kept too and
 * printed again.
 */
public final class ModuleCache {
    private final Path root;

    public ModuleCache(Path root) {
        this.root = root;
    }

    /** The default place: {@code $JSTAP_CACHE}, else {@code ~/.jstap/cache}. */
    public static Path defaultRoot() {
        String env = System.getenv("JSTAP_CACHE");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".jstap", "cache");
    }

    /** A cached module: its jar, class bytes and the warnings of its translation. */
    public record Entry(Path jar, byte[] classFile, String warnings) {}

    public Optional<Entry> find(String moduleName) {
        Path dir = root.resolve(moduleName);
        Path classFile = dir.resolve(moduleName + ".class");
        Path jar = dir.resolve(moduleName + ".jar");
        try {
            if (Files.exists(classFile) && Files.exists(jar)) {
                Path warnings = dir.resolve("warnings.txt");
                return Optional.of(new Entry(jar, Files.readAllBytes(classFile),
                        Files.exists(warnings) ? Files.readString(warnings, StandardCharsets.ISO_8859_1) : ""));
            }
        } catch (IOException e) {
            // an unreadable entry is a miss: the module is built again
        }
        return Optional.empty();
    }

    /** Stores a module; failures to write only cost the next run a rebuild. */
    public Path store(String moduleName, Path jar, byte[] classFile, String warnings) {
        Path dir = root.resolve(moduleName);
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(moduleName + ".jar");
            Path tmp = Files.createTempFile(dir, "module", ".tmp");
            Files.write(tmp, classFile);
            Files.move(tmp, dir.resolve(moduleName + ".class"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(dir.resolve("warnings.txt"), warnings, StandardCharsets.ISO_8859_1);
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            return jar;
        }
    }
}
