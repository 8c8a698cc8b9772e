package org.jstap.lang.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jstap.lang.diag.SourceFile;

/**
 * The library scripts: the tapsets shipped as resources (listed in {@code tapset/INDEX}) and
 * every {@code .stp} file under the {@code -I} directories, in name order.
 */
public final class TapsetLibrary {
    private static final String ROOT = "/org/jstap/lang/tapset/";

    private TapsetLibrary() {}

    public static List<SourceFile> load(List<Path> includeDirs) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        for (String name : index()) {
            try (InputStream in = TapsetLibrary.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IOException("tapset listed in INDEX but missing: " + name);
                }
                files.add(new SourceFile("tapset/" + name, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1),
                        true));
            }
        }
        for (Path dir : includeDirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("cannot open tapset directory " + dir);
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".stp")).sorted().toList()) {
                    files.add(new SourceFile(p.toString(), Files.readString(p, StandardCharsets.ISO_8859_1), true));
                }
            }
        }
        return files;
    }

    static List<String> index() throws IOException {
        try (InputStream in = TapsetLibrary.class.getResourceAsStream(ROOT + "INDEX")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
