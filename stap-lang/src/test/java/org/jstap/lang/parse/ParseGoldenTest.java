package org.jstap.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.ast.ScriptPrinter;
import org.jstap.sim.Kernel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scripts with the parse tree Debian's {@code stap -p1} (4.8) printed for them ({@code NAME.p1}),
 * or a marker that stap rejects them ({@code NAME.fails}). {@code NAME.args} holds script
 * arguments, one a line; {@code NAME.opts} stap options ({@code -g}).
 */
class ParseGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/p1");

    @TestFactory
    Stream<DynamicTest> p1_matchesStap() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DIR)) {
            scripts = files.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path script) throws IOException {
        String base = script.toString().substring(0, script.toString().length() - 4);
        List<String> args = lines(Path.of(base + ".args"));
        boolean guru = lines(Path.of(base + ".opts")).contains("-g");
        TargetInfo target = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), guru, args);
        SourceFile file = new SourceFile("<input>", Files.readString(script, StandardCharsets.ISO_8859_1));
        ParsePass.Result r = ParsePass.parse(file, target, Map.of());
        Path expected = Path.of(base + ".p1");
        if (Files.exists(expected)) {
            assertFalse(r.diagnostics().hasErrors(), () -> r.diagnostics().all().toString());
            assertEquals(Files.readString(expected, StandardCharsets.ISO_8859_1), ScriptPrinter.print(r.script()));
        } else {
            assertTrue(r.diagnostics().hasErrors() || r.script().decls().isEmpty(), "stap rejects " + script);
        }
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1) : List.of();
    }
}
