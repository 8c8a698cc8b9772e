package org.jstap.lang;

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
import org.jstap.runtime.Limits;
import org.jstap.sim.KernelConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * One script of a golden directory and its companion files: {@code NAME.args} (script arguments,
 * one a line), {@code NAME.opts} (stap options such as {@code -g}, {@code -w}, {@code -u}, {@code --boot},
 * {@code --append CMDLINE}) and
 * whatever expected outputs a test compares with.
 */
public record GoldenCase(Path script) {

    /** One dynamic test per {@code .stp} file of {@code dir}, in name order. */
    public static Stream<DynamicTest> tests(Path dir, ThrowingConsumer<GoldenCase> check) throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> check.accept(new GoldenCase(p))));
    }

    /** A companion file: {@code NAME.ext}. */
    public Path companion(String ext) {
        String s = script.toString();
        return Path.of(s.substring(0, s.length() - ".stp".length()) + "." + ext);
    }

    /** A companion's text, or "" when it does not exist. */
    public String read(String ext) throws IOException {
        Path p = companion(ext);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    public List<String> lines(String ext) throws IOException {
        Path p = companion(ext);
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1) : List.of();
    }

    /** The script as stap -e reads it: named {@code <input>}. */
    public SourceFile source() throws IOException {
        return new SourceFile("<input>", Files.readString(script, StandardCharsets.ISO_8859_1));
    }

    /** Options for a run up to {@code lastPass}, from the .args and .opts companions. */
    public Options options(int lastPass) throws IOException {
        List<String> opts = lines("opts");
        KernelConfig kernel = KernelConfig.defaults();
        for (String opt : opts) {
            if (opt.startsWith("--append ")) {
                kernel = new KernelConfig(kernel.cpus(), kernel.memoryMiB(), kernel.seed(),
                        opt.substring("--append ".length()));
            }
        }
        return new Options(source(), lines("args"), lastPass, 0, List.of(), opts.contains("-g"), false,
                kernel, false, opts.contains("-w"), opts.contains("-u"), Limits.DEFAULTS, null, true, 0,
                opts.contains("--boot"), command(opts));
    }

    /** The -c command of a case's opts (a line {@code -c CMD}), or null. */
    private static String command(List<String> opts) {
        for (String opt : opts) {
            if (opt.startsWith("-c ")) {
                return opt.substring(3);
            }
        }
        return null;
    }

    /** What a run printed and its status. */
    public record Run(int status, String out, String err) {}

    public Run run(int lastPass) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Driver(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1)).run(options(lastPass));
        return new Run(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }
}
