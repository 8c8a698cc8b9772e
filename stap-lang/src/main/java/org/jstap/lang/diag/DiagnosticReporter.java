package org.jstap.lang.diag;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Prints the diagnostics of a run once each, as stap does: a message already printed (same
 * heading and text) is counted instead of repeated, unless {@code -v} asks for all of them; the
 * counts close the run ({@code Number of similar error messages suppressed: 1.}).
 */
public final class DiagnosticReporter {
    private final PrintStream err;
    private final boolean showAll;
    private final DiagnosticRenderer renderer = new DiagnosticRenderer();
    private final Set<String> seen = new HashSet<>();
    private int suppressedErrors;
    private int suppressedWarnings;

    private final boolean noWarnings;

    public DiagnosticReporter(PrintStream err, boolean showAll, boolean noWarnings) {
        this.err = err;
        this.showAll = showAll;
        this.noWarnings = noWarnings;
    }

    /** Also keeps a copy of what is printed (the cache replays a module's warnings); null stops it. */
    private java.io.ByteArrayOutputStream copy;

    public void copyTo(java.io.ByteArrayOutputStream sink) {
        copy = sink;
    }

    /** Prints what was not printed before; true if any diagnostic is an error. */
    public boolean report(Diagnostics diagnostics) {
        boolean errors = false;
        for (Diagnostic d : diagnostics.all()) {
            errors |= d.isError();
            if (noWarnings && !d.isError()) {
                continue;
            }
            String key = d.kind() + ": " + d.fullMessage();
            if (!showAll && !seen.add(key)) {
                if (d.isError()) {
                    suppressedErrors++;
                } else {
                    suppressedWarnings++;
                }
                continue;
            }
            String text = renderer.render(d);
            err.print(text);
            if (copy != null) {
                copy.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        err.flush();
        return errors;
    }

    /** The closing counts of suppressed messages, if any. */
    public void finish() {
        if (suppressedErrors > 0) {
            err.println("Number of similar error messages suppressed: " + suppressedErrors + ".");
        }
        if (suppressedWarnings > 0) {
            err.println("Number of similar warning messages suppressed: " + suppressedWarnings + ".");
        }
        if (suppressedErrors + suppressedWarnings > 0) {
            err.println("Rerun with -v to see them.");
        }
        err.flush();
    }
}
