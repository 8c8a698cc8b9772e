package org.jstap.lang.driver;

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
import org.jstap.sim.KernelConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scripts with what Debian's {@code stap -p2} (4.8) printed for them ({@code NAME.p2}): globals,
 * functions and probes with their inferred types.
 */
class ElaborateGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/p2");

    @TestFactory
    Stream<DynamicTest> p2_matchesStap() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DIR)) {
            scripts = files.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path script) throws Exception {
        String base = script.toString().substring(0, script.toString().length() - 4);
        List<String> args = lines(Path.of(base + ".args"));
        List<String> opts = lines(Path.of(base + ".opts"));
        SourceFile file = new SourceFile("<input>", Files.readString(script, StandardCharsets.ISO_8859_1));
        Options options = new Options(file, args, 2, 0, List.of(), opts.contains("-g"), false,
                KernelConfig.defaults(), false, opts.contains("-w"), opts.contains("-u"), org.jstap.runtime.Limits.DEFAULTS, null, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Driver(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1)).run(options);
        assertEquals(0, status, () -> err.toString(StandardCharsets.ISO_8859_1));
        assertEquals(Files.readString(Path.of(base + ".p2"), StandardCharsets.ISO_8859_1),
                out.toString(StandardCharsets.ISO_8859_1));
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1) : List.of();
    }
}
