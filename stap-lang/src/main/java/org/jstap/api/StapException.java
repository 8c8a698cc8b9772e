package org.jstap.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script that did not compile, or a session that failed to start, reported with the
 * diagnostics {@code stap} would print, so a failing test shows the same {@code parse error:}
 * / {@code semantic error:} lines, source line and caret that {@code bin/jstap} shows.
 *
 * <pre>{@code
 * try {
 *     machine.attach(Script.of("probe nosuch { }"));
 * } catch (StapException e) {
 *     System.err.print(e.diagnostics());   // "semantic error: ...", "Pass 2: analysis failed.  [man error::pass2]"
 * }
 * }</pre>
 */
public final class StapException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern PASS = Pattern.compile("^Pass (\\d): .* failed\\.", Pattern.MULTILINE);

    private final String diagnostics;

    public StapException(String summary, String diagnostics) {
        super(summary + (diagnostics.isEmpty() ? "" : "\n" + diagnostics.stripTrailing()));
        this.diagnostics = diagnostics;
    }

    /** What stap would have printed on stderr, in its layout. */
    public String diagnostics() {
        return diagnostics;
    }

    /** The pass that failed (1-5), as its closing {@code Pass N: ... failed} line says; 0 if none does. */
    public int pass() {
        Matcher m = PASS.matcher(diagnostics);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
