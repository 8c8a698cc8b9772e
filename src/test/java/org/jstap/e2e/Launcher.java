package org.jstap.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a built launcher ({@code bin/jstap} ...) as a user would, capturing its output. */
final class Launcher {
    /** What a run printed and how it ended. */
    record Run(int status, String out, String err) {}

    static final Path HOME = Path.of(System.getProperty("jstap.home", "../..")).toAbsolutePath().normalize();

    private Launcher() {}

    static Run run(String program, String... args) throws IOException, InterruptedException {
        return runWithInput(null, program, args);
    }

    static Run runWithInput(String stdin, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile());
        // the JDK running the tests is >= 21: hand it to the launcher the way a user's JAVA_HOME would
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // a fresh module cache per run, so every run shows all five passes
        pb.environment().put("JSTAP_CACHE", java.nio.file.Files.createTempDirectory("jstap-cache").toString());
        File out = File.createTempFile("jstap-out", ".txt");
        File err = File.createTempFile("jstap-err", ".txt");
        pb.redirectOutput(out).redirectError(err);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(program + " did not finish in 60 s");
        }
        try {
            return new Run(p.exitValue(), java.nio.file.Files.readString(out.toPath()),
                    java.nio.file.Files.readString(err.toPath()));
        } finally {
            out.delete();
            err.delete();
        }
    }
}
