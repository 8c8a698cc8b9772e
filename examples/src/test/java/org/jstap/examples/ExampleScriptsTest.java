package org.jstap.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example script with a {@code .expected} file prints exactly that; {@code -Djstap.regenerate=true}
 * rewrites the files from what the scripts print now.
 */
class ExampleScriptsTest {
    private static final Path SCRIPTS = Path.of("scripts");

    @TestFactory
    Stream<DynamicTest> examples_printTheirExpectedOutput() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            scripts = files.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        return scripts.stream()
                .filter(p -> Files.exists(expectedOf(p)))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static Path expectedOf(Path script) {
        String name = script.getFileName().toString();
        return script.resolveSibling(name.substring(0, name.length() - 4) + ".expected");
    }

    private static void check(Path script) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String text = Files.readString(script, StandardCharsets.ISO_8859_1);
        SourceFile source = new SourceFile(script.toString(), text);
        Options options = Options.of(source, List.of());
        // "# opts: --boot" in the header asks for the options the run line shows
        if (text.lines().anyMatch(l -> l.startsWith("# opts:") && l.contains("--boot"))) {
            options = options.withBoot();
        }
        // "# disk: 8M" attaches an empty disk image of that size, as --disk does (the command makes its file system)
        java.nio.file.Path disk = null;
        for (String l : text.lines().toList()) {
            if (l.startsWith("# disk: ")) {
                String size = l.substring("# disk: ".length()).trim();
                long bytes = Long.parseLong(size.replaceAll("[MK]$", "")) * (size.endsWith("M") ? 1 << 20 : 1 << 10);
                disk = Files.createTempFile("jstap-example", ".img");
                try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
                    f.setLength(bytes);
                }
                options = options.withKernel(options.kernel().withDisk(disk));
            }
        }
        // "# command: CMD" runs CMD as -c does
        for (String l : text.lines().toList()) {
            if (l.startsWith("# command: ")) {
                options = options.withCommand(l.substring("# command: ".length()));
            }
        }
        int status;
        try {
            status = new Driver(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1)).run(options);
        } finally {
            if (disk != null) {
                Files.deleteIfExists(disk);
            }
        }
        assertEquals("", err.toString(StandardCharsets.ISO_8859_1), "stderr of " + script);
        assertEquals(0, status, "exit status of " + script);
        if (Boolean.getBoolean("jstap.regenerate")) {
            Files.writeString(expectedOf(script), out.toString(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
        assertEquals(Files.readString(expectedOf(script), StandardCharsets.ISO_8859_1),
                out.toString(StandardCharsets.ISO_8859_1), "output of " + script);
    }
}
