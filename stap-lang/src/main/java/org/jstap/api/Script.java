package org.jstap.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.Limits;

/**
 * A SystemTap script to attach to a {@link Machine}: its text (from a string, a file or a
 * classpath resource), its arguments ({@code $1}, {@code @1} ...) and its {@code -D} limits.
 * Immutable; it is compiled (passes 1-4, exactly as {@code bin/jstap} runs them) each time it is
 * attached, so every session has globals of its own.
 *
 * <pre>{@code
 * Script count = Script.of("global n; probe syscall.openat { if (pid() == target()) n++ }")
 *         .define("MAXACTION", 10_000);
 * Script snoop = Script.resource(MyTest.class, "open-snoop.stp").withArgs("/etc/passwd");
 * }</pre>
 */
public final class Script {
    private final String name;
    private final String text;
    private final List<String> args;
    private final Map<String, Long> defines;

    private Script(String name, String text, List<String> args, Map<String, Long> defines) {
        this.name = name;
        this.text = text;
        this.args = List.copyOf(args);
        this.defines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defines));
    }

    /** A script given as text, named {@code <input>} in diagnostics as {@code stap -e} names it. */
    public static Script of(String text) {
        return new Script("<input>", text, List.of(), Map.of());
    }

    public static Script file(Path path) {
        try {
            return new Script(path.toString(), Files.readString(path, StandardCharsets.ISO_8859_1), List.of(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + path, e);
        }
    }

    /** A script on the classpath, by absolute name ({@code "scripts/x.stp"} or {@code "/scripts/x.stp"}). */
    public static Script resource(String name) {
        String absolute = name.startsWith("/") ? name.substring(1) : name;
        return fromStream(name, Thread.currentThread().getContextClassLoader() == null
                ? Script.class.getClassLoader().getResourceAsStream(absolute)
                : Thread.currentThread().getContextClassLoader().getResourceAsStream(absolute));
    }

    /** A script on the classpath, relative to {@code anchor}'s package unless it starts with '/'. */
    public static Script resource(Class<?> anchor, String name) {
        return fromStream(name, anchor.getResourceAsStream(name));
    }

    private static Script fromStream(String name, InputStream in) {
        if (in == null) {
            throw new IllegalArgumentException("no script resource " + name);
        }
        try (in) {
            return new Script(name, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), List.of(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + name, e);
        }
    }

    /** The same script with these arguments ($1, @1 ...). */
    public Script withArgs(String... arguments) {
        return new Script(name, text, List.of(arguments), defines);
    }

    /**
     * The same script with {@code -D NAME=VALUE}; the names are stap's limits (MAXACTION,
     * MAXSTRINGLEN, MAXMAPENTRIES, MAXNESTING, MAXERRORS, MAXSKIPPED).
     */
    public Script define(String limit, long value) {
        if (!Limits.NAMES.contains(limit)) {
            throw new IllegalArgumentException("-D " + limit + " is not a limit jstap knows; known: "
                    + Limits.NAMES.stream().sorted().collect(Collectors.joining(", ")));
        }
        Map<String, Long> more = new LinkedHashMap<>(defines);
        more.put(limit, value);
        return new Script(name, text, args, more);
    }

    /** {@code define} for a {@code NAME=VALUE} string, as the command line takes it. */
    public Script define(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("-D wants NAME=VALUE: " + assignment);
        }
        try {
            return define(assignment.substring(0, eq), Long.decode(assignment.substring(eq + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D " + assignment + ": not a number", e);
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public List<String> args() {
        return args;
    }

    public Limits limits() {
        return Limits.of(defines);
    }

    /**
     * Passes 1-4 without running, to check that the script compiles: returns the warnings stap
     * prints (empty when none), throws {@link StapException} with the diagnostics when it does not.
     */
    public String check() {
        return compile().warnings();
    }

    /** A fresh module of this script: its own class, so its own globals. */
    Compiled compile() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        Options options = Options.of(new SourceFile(name, text), args).withLimits(limits());
        try {
            CompiledScript module = new Driver(new ByteArrayOutputStream(), errStream).compile(options);
            return new Compiled(this, module.getClass().getName(), module, err.toString(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new StapException("script " + name + " does not compile", err.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the tapset library", e);
        }
    }

    /** What {@link #compile} made: the module class's instance and pass 1-4's warnings. */
    record Compiled(Script script, String moduleName, CompiledScript module, String warnings) {}

    @Override
    public String toString() {
        return name;
    }
}
