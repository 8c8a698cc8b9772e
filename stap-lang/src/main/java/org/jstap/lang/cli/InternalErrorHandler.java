package org.jstap.lang.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and exit status 1. A Java stack
 * trace reaching a user is a bug; {@code JSTAP_DEBUG=1} shows it for whoever fixes it.
 */
final class InternalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final PrintStream err;

    InternalErrorHandler(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        if (ex instanceof java.io.IOException io) {
            err.println("ERROR: " + io.getMessage());
            return 1;
        }
        err.println("ERROR: internal error in " + cli.getCommandName() + ": " + ex
                + " (please report it; set JSTAP_DEBUG=1 for details)");
        if (System.getenv("JSTAP_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return 1;
    }
}
