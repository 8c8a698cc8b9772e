package org.jstap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each probe family, tapset family and the context functions, through the built launcher: every
 * {@code src/test/resources/probes/NAME.stp} runs as {@code bin/jstap NAME.stp [-c CMD]} (the
 * command from a {@code # command:} header line) and prints exactly {@code NAME.expected}: its
 * stdout, then {@code --- stderr}, then its stderr and {@code --- status N}.
 * {@code -Djstap.regenerate=true} rewrites the expected files.
 */
class ProbeFamiliesTest {
    private static final Path DIR = Path.of("resources/probes");

    @TestFactory
    Stream<DynamicTest> scripts_printTheirExpectedOutput() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(DIR)) {
            scripts = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path script) throws Exception {
        List<String> args = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        for (String l : Files.readAllLines(script, StandardCharsets.ISO_8859_1)) {
            if (l.startsWith("# command: ")) {
                args.add("-c");
                args.add(l.substring("# command: ".length()));
            }
        }
        Launcher.Run r = Launcher.run("jstap", args.toArray(String[]::new));
        // the script's path as the launcher printed it is this machine's: keep it relative
        String actual = (r.out() + "--- stderr\n" + r.err() + "--- status " + r.status() + "\n")
                .replace(script.toAbsolutePath().toString(), script.getFileName().toString());
        String name = script.getFileName().toString().replaceAll("\\.stp$", ".expected");
        Path expected = script.resolveSibling(name);
        if (Boolean.getBoolean("jstap.regenerate")) {
            Files.writeString(expected, actual, StandardCharsets.ISO_8859_1);
        }
        assertEquals(Files.readString(expected, StandardCharsets.ISO_8859_1), actual, "output of " + script);
    }
}
