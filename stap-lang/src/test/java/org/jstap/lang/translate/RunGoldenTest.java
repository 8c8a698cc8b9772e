package org.jstap.lang.translate;

import static org.junit.jupiter.api.Assertions.assertAll;
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
 * Scripts run through all five passes: {@code NAME.out} is the exact stdout, {@code NAME.err} the
 * exact stderr (empty when absent), {@code NAME.status} the exit status (0 when absent).
 */
class RunGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/run");

    @TestFactory
    Stream<DynamicTest> scripts_printWhatStapPrints() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DIR)) {
            scripts = files.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path script) throws Exception {
        String base = script.toString().substring(0, script.toString().length() - 4);
        SourceFile file = new SourceFile("<input>", Files.readString(script, StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Driver(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1))
                .run(Options.of(file, List.of()));
        String expectedErr = read(Path.of(base + ".err"));
        String expectedStatus = read(Path.of(base + ".status")).strip();
        assertAll(
                () -> assertEquals(Files.readString(Path.of(base + ".out"), StandardCharsets.ISO_8859_1),
                        out.toString(StandardCharsets.ISO_8859_1), "stdout"),
                () -> assertEquals(expectedErr, err.toString(StandardCharsets.ISO_8859_1), "stderr"),
                () -> assertEquals(expectedStatus.isEmpty() ? 0 : Integer.parseInt(expectedStatus), status, "status"));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }
}
