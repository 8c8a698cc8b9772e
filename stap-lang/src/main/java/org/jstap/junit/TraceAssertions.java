package org.jstap.junit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jstap.api.Aggregate;
import org.jstap.api.CommandResult;
import org.jstap.api.GlobalArray;
import org.jstap.api.Machine;
import org.jstap.api.ProbeSession;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions that read as trace facts: how often a probe was hit (a counting global), how many
 * system calls of a kind a command made, in which order events were printed, how many values a
 * histogram bucket holds. Failures carry the expected and actual values and the script's output.
 *
 * <pre>{@code
 * assertCount(session, "opens", 1);                                  // global opens; ... opens++
 * assertCount(session, "calls", 2, "read");                          // calls["read"] == 2
 * assertSyscallCount(machine, "cat /etc/hostname", "openat", 1);
 * assertInOrder(session, "fork", "exec", "exit");
 * assertBucket(session.globals().stat("sizes"), 4096, 3);
 * }</pre>
 */
public final class TraceAssertions {
    private TraceAssertions() {}

    /**
     * A counting global holds {@code expected}: a long scalar, or with {@code key} one element
     * of an array; an array without a key counts as the sum of its elements.
     */
    public static void assertCount(ProbeSession session, String global, long expected, Object... key) {
        Object value = session.globals().get(global);
        long actual;
        String what;
        if (value instanceof GlobalArray a) {
            actual = key.length == 0 ? a.sum() : a.getLong(key);
            what = key.length == 0 ? "sum of " + global + "[]" : global + List.of(key);
        } else if (value instanceof Long l && key.length == 0) {
            actual = l;
            what = global;
        } else if (value instanceof Aggregate s && key.length == 0) {
            actual = s.count();
            what = "@count(" + global + ")";
        } else {
            throw new IllegalArgumentException("global " + global + " is not a count: " + value);
        }
        if (actual != expected) {
            throw new AssertionFailedError(what + ": expected " + expected + " but was " + actual
                    + withOutput(session), expected, actual);
        }
    }

    /** What {@link #syscallCounts} found: the command's result and its calls per syscall name. */
    public record SyscallCounts(CommandResult result, Map<String, Long> calls) {
        /** Calls of one syscall (0 when it made none). */
        public long of(String syscall) {
            return calls.getOrDefault(syscall, 0L);
        }
    }

    /** Counts, per syscall tapset name, the calls {@code command} and every process it forks make. */
    private static final String COUNT_SCRIPT = """
            global traced, calls
            probe kernel.trace("sched_process_fork") { if ($parent->tgid in traced) traced[$child->tgid] = 1 }
            probe syscall.* { if (pid() == target() || pid() in traced) calls[name]++ }
            """;

    /**
     * Runs {@code command} on the machine with a counting script attached and returns the
     * system calls it and its children made, by name, as {@code strace -c -f} counts them
     * (every entry; {@code exit_group} too).
     */
    public static SyscallCounts syscallCounts(Machine machine, String command) {
        ProbeSession s = machine.attach(org.jstap.api.Script.of(COUNT_SCRIPT));
        CommandResult r;
        try {
            r = machine.run(command);
        } finally {
            s.detach();
        }
        Map<String, Long> calls = new TreeMap<>();
        for (var e : s.globals().array("calls").asMap().entrySet()) {
            calls.put((String) e.getKey().get(0), (Long) e.getValue());
        }
        return new SyscallCounts(r, calls);
    }

    /** {@code command} and its children make exactly {@code expected} calls of {@code syscall}. */
    public static SyscallCounts assertSyscallCount(Machine machine, String command, String syscall, long expected) {
        SyscallCounts counts = syscallCounts(machine, command);
        if (counts.of(syscall) != expected) {
            throw new AssertionFailedError("`" + command + "` made " + counts.of(syscall) + " " + syscall
                    + " calls, expected " + expected + "; all calls: " + counts.calls(), expected, counts.of(syscall));
        }
        return counts;
    }

    /**
     * Lines containing each of {@code events} appear in the session's output in this order
     * (other lines may come between).
     */
    public static void assertInOrder(ProbeSession session, String... events) {
        assertInOrder(session.output(), events);
    }

    /** As above, for any text (a command's output, a printed trace). */
    public static void assertInOrder(String output, String... events) {
        List<String> lines = output.lines().toList();
        int at = 0;
        for (String event : events) {
            while (at < lines.size() && !lines.get(at).contains(event)) {
                at++;
            }
            if (at == lines.size()) {
                throw new AssertionFailedError("no line with \"" + event + "\" after the events before it "
                        + List.of(events) + " in:\n" + output);
            }
            at++;
        }
    }

    /** The histogram bucket that holds {@code value} has {@code expected} values in it. */
    public static void assertBucket(Aggregate stat, long value, long expected) {
        long actual = stat.bucketCount(value);
        if (actual != expected) {
            throw new AssertionFailedError("bucket of " + value + ": expected " + expected + " values but was "
                    + actual + "; buckets: " + stat.buckets(), expected, actual);
        }
    }

    /** The command exited with {@code code}. */
    public static void assertExitCode(CommandResult result, int code) {
        if (result.exitCode() != code) {
            throw new AssertionFailedError("`" + result.command() + "` wait status 0x"
                    + Integer.toHexString(result.waitStatus()) + ", expected exit " + code + "; stderr: "
                    + result.stderr(), code, result.exitCode());
        }
    }

    private static String withOutput(ProbeSession session) {
        return session.output().isEmpty() ? "" : "; script output:\n" + session.output();
    }
}
