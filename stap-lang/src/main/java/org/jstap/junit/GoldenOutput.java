package org.jstap.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jstap.api.Machine;
import org.jstap.api.MachineConfig;
import org.jstap.api.ProbeSession;
import org.opentest4j.AssertionFailedError;

/**
 * Golden-output checks: run script X against workload Y on a fresh machine and compare what the
 * script printed with {@code X.expected} next to it. With {@code -Djstap.regenerate=true} (the
 * flag the example scripts' test uses) the file is rewritten from this run instead. The run is
 * deterministic, so a difference is a change in the kernel or the translator.
 *
 * <pre>{@code
 * GoldenOutput.check(Path.of("scripts/open-snoop.stp"), "cat /etc/hostname");
 * }</pre>
 */
public final class GoldenOutput {
    /** The system property that makes {@link #check} write the expected files. */
    public static final String REGENERATE = "jstap.regenerate";

    private GoldenOutput() {}

    /** {@code script}'s output with {@code workload} equals the sibling {@code .expected} file. */
    public static void check(Path script, String workload) {
        String name = script.getFileName().toString();
        String base = name.endsWith(".stp") ? name.substring(0, name.length() - 4) : name;
        check(org.jstap.api.Script.file(script), workload, script.resolveSibling(base + ".expected"));
    }

    /**
     * The script's output with {@code workload} (run under {@code sh -c}; target() is its pid)
     * equals {@code expected}; the session must report no errors.
     */
    public static void check(org.jstap.api.Script script, String workload, Path expected) {
        check(MachineConfig.defaults(), script, workload, expected);
    }

    public static void check(MachineConfig config, org.jstap.api.Script script, String workload, Path expected) {
        String actual;
        String errors;
        try (Machine m = Machine.boot(config)) {
            ProbeSession s = m.attach(script);
            m.run(workload);
            int status = s.detach();
            actual = s.output();
            errors = s.errors();
            if (status != 0) {
                throw new AssertionFailedError(script.name() + " ended with errors:\n" + errors);
            }
        }
        try {
            if (Boolean.getBoolean(REGENERATE)) {
                Files.writeString(expected, actual, StandardCharsets.ISO_8859_1);
            }
            if (!Files.exists(expected)) {
                throw new AssertionFailedError("no " + expected + " (run with -D" + REGENERATE + "=true to write it)");
            }
            String want = Files.readString(expected, StandardCharsets.ISO_8859_1);
            if (!want.equals(actual)) {
                throw new AssertionFailedError("output of " + script.name() + " with `" + workload + "` differs from "
                        + expected + (errors.isEmpty() ? "" : "; stderr:\n" + errors), want, actual);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
