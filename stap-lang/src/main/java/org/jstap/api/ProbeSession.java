package org.jstap.api;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;

/**
 * One script attached to a running {@link Machine}: its module is loaded, its begin probes have
 * run and its probes fire as the machine runs. {@link #detach} runs the end probes and unloads the
 * module, as stap does at the end of a session. Several sessions may be attached to one machine;
 * each has its own probes, output and globals.
 *
 * <pre>{@code
 * ProbeSession s = machine.attach(Script.of("global n; probe kernel.function(\"vfs_read\") { n++ }"));
 * machine.run("cat /etc/passwd");
 * s.detach();
 * long reads = s.globals().getLong("n");
 * }</pre>
 */
public final class ProbeSession {
    private final Machine machine;
    private final Script script;
    private final Staprun staprun;
    private final Globals globals;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private boolean attached;
    private int status = -1;

    ProbeSession(Machine machine, Script.Compiled compiled) {
        this.machine = machine;
        this.script = compiled.script();
        this.globals = new Globals(compiled.module().getClass());
        // pass 1-4 warnings come first on stderr, as stap prints them before the run
        err.writeBytes(compiled.warnings().getBytes(StandardCharsets.ISO_8859_1));
        this.staprun = new Staprun(machine.kernel(), compiled.moduleName(), compiled.module(),
                new SessionOptions(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1), script.limits()));
    }

    /** Loads the module and runs begin probes; a module that does not load is a {@link StapException}. */
    void attach() {
        if (staprun.attach() != 0) {
            throw new StapException("script " + script.name() + " did not start", errors()
                    + "Pass 5: run failed.  [man error::pass5]\n");
        }
        attached = true;
    }

    public Script script() {
        return script;
    }

    /** The module's name, as {@code /proc/modules} lists it while attached. */
    public String moduleName() {
        return staprun.session().moduleName();
    }

    /** Everything the script printed so far (the end probes' output too, once detached). */
    public String output() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    public List<String> outputLines() {
        return output().lines().toList();
    }

    /** What the session wrote to stderr so far: warnings, {@code ERROR:} lines and the closing summary. */
    public String errors() {
        return err.toString(StandardCharsets.ISO_8859_1);
    }

    /** The script's globals (read them while the machine is stopped). */
    public Globals globals() {
        return globals;
    }

    /** Whether the script called {@code exit()} (or errors ended it); {@link #detach} still has to run. */
    public boolean exitRequested() {
        return staprun.session().exitRequested();
    }

    /** The pid a script's {@code target()} returns: set by {@link Machine#run} to the command's. */
    public int target() {
        return staprun.session().target();
    }

    void setTarget(int pid) {
        staprun.session().setTarget(pid);
    }

    public boolean isAttached() {
        return attached;
    }

    /**
     * Ends the session: end probes, module removal, the error summary. Returns stap's exit
     * status (0, or 1 after errors); a second call returns the same status again.
     */
    public int detach() {
        if (attached) {
            attached = false;
            machine.detached(this);
            status = staprun.detach();
        }
        return status;
    }

    @Override
    public String toString() {
        return "ProbeSession[" + script.name() + (attached ? ", attached" : ", detached") + "]";
    }
}
