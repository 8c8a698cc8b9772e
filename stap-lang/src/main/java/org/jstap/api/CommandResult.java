package org.jstap.api;

/**
 * How a command run on a {@link Machine} ended: its pid, its wait status as {@code wait(2)}
 * reports it, and what it wrote to its standard output and standard error.
 *
 * <pre>{@code
 * CommandResult r = machine.run("cat /etc/hostname");
 * assertEquals(0, r.exitCode());
 * assertEquals("jstap\n", r.stdout());
 * }</pre>
 *
 * @param command    the command line, as {@code sh -c} ran it
 * @param pid        the pid of the {@code sh} that ran it (what a script's {@code target()} was)
 * @param waitStatus the wait status ({@code WEXITSTATUS}/{@code WTERMSIG} decode it), or the
 *                   exec's {@code -errno} when {@code /bin/sh} could not start
 * @param stdout     descriptor 1's bytes (the console line), ISO-8859-1
 * @param stderr     descriptor 2's bytes, ISO-8859-1
 */
public record CommandResult(String command, int pid, int waitStatus, String stdout, String stderr) {

    /** Whether it ended by {@code exit} rather than by a signal ({@code WIFEXITED}). */
    public boolean exited() {
        return waitStatus >= 0 && (waitStatus & 0x7f) == 0;
    }

    /** {@code WEXITSTATUS}: the status it exited with; -1 when a signal killed it. */
    public int exitCode() {
        return exited() ? (waitStatus >> 8) & 0xff : -1;
    }

    /** {@code WTERMSIG}: the signal that killed it; 0 when it exited. */
    public int termSignal() {
        return waitStatus >= 0 ? waitStatus & 0x7f : 0;
    }

    /** The lines of its standard output. */
    public java.util.List<String> stdoutLines() {
        return stdout.lines().toList();
    }
}
