package org.jstap.lang.translate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jstap.lang.GoldenCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scripts run through all five passes: {@code NAME.out} is the exact stdout, {@code NAME.err} the
 * exact stderr (empty when absent), {@code NAME.status} the exit status (0 when absent).
 * {@code -Djstap.regenerate=true} rewrites the {@code .out} files from what the scripts print now.
 */
class RunGoldenTest {
    @TestFactory
    Stream<DynamicTest> scripts_printWhatStapPrints() throws IOException {
        return GoldenCase.tests(Path.of("src/test/resources/golden/run"), c -> {
            GoldenCase.Run r = c.run(5);
            if (Boolean.getBoolean("jstap.regenerate")) {
                java.nio.file.Files.writeString(c.companion("out"), r.out());
            }
            String status = c.read("status").strip();
            assertAll(
                    () -> assertEquals(c.read("out"), r.out(), "stdout"),
                    () -> assertEquals(c.read("err"), r.err(), "stderr"),
                    () -> assertEquals(status.isEmpty() ? 0 : Integer.parseInt(status), r.status(), "status"));
        });
    }
}
