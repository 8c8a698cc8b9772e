package org.jstap.runtime;

import org.jstap.sim.Kernel;

/**
 * The state of one probe hit, passed to every handler and runtime function. One per CPU, reused
 * from hit to hit so a hit allocates nothing.
 */
public final class Context {
    private final Session session;
    /** Script output of the current hit; flushed to the relay channel when the handler returns. */
    final StringBuilder out = new StringBuilder(256);
    String probePoint = "";
    /** Filled in place for each array access, so an access allocates nothing. */
    private final org.jstap.runtime.map.MapKey key = new org.jstap.runtime.map.MapKey();

    /** Statements left for this hit before MAXACTION; set when a probe starts. */
    long actionsLeft;
    /** Function calls in progress, against MAXNESTING. */
    int nesting;
    private final int maxStringLen;
    private final int maxNesting;

    Context(Session session, Limits limits) {
        this.session = session;
        this.maxStringLen = limits.maxStringLen();
        this.maxNesting = limits.maxNesting();
    }

    /** Counts {@code n} statements against MAXACTION. */
    public void act(int n, String near) {
        actionsLeft -= n;
        if (actionsLeft < 0) {
            throw new StapError("MAXACTION exceeded near " + near);
        }
    }

    /** A function call starts: checks MAXNESTING. */
    public void enter(String near) {
        if (++nesting > maxNesting) {
            nesting--;
            throw new StapError("MAXNESTING exceeded near " + near);
        }
    }

    public void leave() {
        nesting--;
    }

    /** The task a process probe runs as (the new or exiting one), or null: the CPU's current task. */
    org.jstap.sim.kernel.sched.TaskStruct task;

    /** The task context functions report: the CPU's current task, or the one a process probe is about. */
    public org.jstap.sim.kernel.sched.TaskStruct current() {
        if (task != null) {
            return task;
        }
        Kernel k = kernel();
        return k.sched().current_task(k.smp_processor_id());
    }

    /** MAXSTRINGLEN: a string holds one byte less. */
    public int maxStringLen() {
        return maxStringLen;
    }

    /** A string cut to MAXSTRINGLEN - 1 bytes, as stap's fixed-size string buffers hold it. */
    public String clip(String s) {
        return s.length() < maxStringLen ? s : s.substring(0, maxStringLen - 1);
    }

    public String concat(String a, String b) {
        return clip(a.concat(b));
    }

    public Session session() {
        return session;
    }

    public Kernel kernel() {
        return session.kernel();
    }

    /** {@code pp()}: the probe point that fired. */
    public String probePoint() {
        return probePoint;
    }

    /** Arguments and return value of the probed kernel function, for $param and $return. */
    private Object[] targetArgs = new Object[0];
    private Object targetReturn;

    /** Parameter names of the function or event that fired, for $$parms. */
    private String[] targetNames = new String[0];

    public void setTarget(Object[] args, Object returned) {
        setTarget(args, returned, targetNames);
    }

    public void setTarget(Object[] args, Object returned, String[] names) {
        targetArgs = args;
        targetReturn = returned;
        targetNames = names;
    }

    /** {@code $param} of an integral, boolean or char parameter, or a kernel object's address. */
    public long targetLong(int index) {
        return address(targetArgs[index]);
    }

    /**
     * Kernel objects the script was handed as addresses, so that {@code @cast(addr, "struct
     * file")} finds the object again: a script sees only what a probe gave it. Weak values, so
     * freed objects leave.
     */
    private final java.util.Map<Long, java.lang.ref.WeakReference<Object>> seen = new java.util.HashMap<>();

    /** A value as a script long; a kernel object is its address (and remembered for @cast). */
    long address(Object v) {
        if (v instanceof org.jstap.sim.kernel.KernelObject k && k.kaddr() != 0) {
            var known = seen.get(k.kaddr());
            if (known == null || known.get() != v) {
                seen.put(k.kaddr(), new java.lang.ref.WeakReference<>(v));
            }
        }
        return asLong(v);
    }

    /** The object at a kernel address a probe handed out, or a task by its task_struct address; null if unknown. */
    Object objectAt(long addr) {
        var ref = seen.get(addr);
        Object o = ref == null ? null : ref.get();
        if (o == null) {
            o = kernel().pid().find_task_by_kaddr(addr);
        }
        return o;
    }

    /** {@code $param} of a String parameter ("" for null). */
    public String targetString(int index) {
        Object v = targetArgs[index];
        return v == null ? "" : clip(v.toString());
    }

    /** {@code $arg->a->b} of a kernel object: the field path read by reflection (the runtime's privilege). */
    public long targetFieldLong(int index, String path) {
        return address(TargetFields.read(index < 0 ? targetReturn : targetArgs[index], path));
    }

    public String targetFieldString(int index, String path) {
        Object v = TargetFields.read(index < 0 ? targetReturn : targetArgs[index], path);
        return v == null ? "" : clip(v.toString());
    }

    /**
     * {@code $var$} ({@code depth} 1) and {@code $var$$} (2), also after {@code ->field}: the value
     * pretty-printed, a kernel object as {@code {.field=value, ...}}.
     */
    public String targetPretty(int index, String path, int depth) {
        Object start = index < 0 ? targetReturn : targetArgs[index];
        return clip(TargetFields.pretty(path.isEmpty() ? start : TargetFields.read(start, path), depth, this));
    }

    /**
     * {@code $$parms}: {@code name=0x1 other=0x2}, as stap prints each with %#x, strings quoted;
     * {@code $$parms$} ({@code depth} 1) and {@code $$parms$$} (2) pretty-print each value as
     * {@code $var$} does: numbers in decimal, kernel objects as {@code {.field=value, ...}}.
     */
    public String parms(String names, int depth) {
        if (names.isEmpty()) {
            return "";
        }
        String[] n = names.equals("*") ? targetNames : names.split(",");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n.length && i < targetArgs.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(n[i]).append('=').append(depth == 0 ? pretty(targetArgs[i])
                    : TargetFields.pretty(targetArgs[i], depth, this));
        }
        return clip(out.toString());
    }

    /** {@code $$return}: {@code return=0x2a}; {@code $$return$} pretty-prints the value. */
    public String returnPretty(int depth) {
        return clip("return=" + (depth == 0 ? pretty(targetReturn) : TargetFields.pretty(targetReturn, depth, this)));
    }

    private String pretty(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return "0x" + Long.toHexString(asLong(v));
    }

    public long returnLong() {
        return address(targetReturn);
    }

    public String returnString() {
        return targetReturn == null ? "" : clip(targetReturn.toString());
    }

    private final HostAddresses hostAddresses = new HostAddresses();

    /** A value as a script long: numbers as themselves, a kernel object its kaddr, anything else a stable address. */
    long asLong(Object v) {
        return switch (v) {
            case Number n -> n.longValue();
            case Boolean b -> b ? 1 : 0;
            case Character c -> c;
            case org.jstap.sim.kernel.KernelObject k -> k.kaddr();
            case null -> 0;
            default -> hostAddresses.of(v);
        };
    }

    /**
     * The kretprobe instance of the call being traced: @entry(...) values are saved into it by the
     * entry handler and read back, in reverse, by the return handler of the same call, so nested
     * calls and tasks blocked inside the function each keep their own values.
     */
    private org.jstap.sim.kernel.kprobes.Kretprobe.Instance entryInstance;
    private int entryCursor;

    /** Selects the instance @entry reads or writes; {@code atEntry}: values are about to be saved. */
    public void setEntryInstance(org.jstap.sim.kernel.kprobes.Kretprobe.Instance ri, boolean atEntry) {
        entryInstance = ri;
        entryCursor = ri == null || atEntry ? 0 : ri.data.length;
        if (ri != null && atEntry) {
            // a reused instance: a skipped entry handler must not leave the previous call's values
            java.util.Arrays.fill(ri.data, 0);
            java.util.Arrays.fill(ri.refs, null);
        }
    }

    public void entryPushLong(int probe, long value) {
        if (entryInstance != null && entryCursor < entryInstance.data.length) {
            entryInstance.data[entryCursor++] = value;
        }
    }

    public void entryPushString(int probe, String value) {
        if (entryInstance != null && entryCursor < entryInstance.refs.length) {
            entryInstance.refs[entryCursor++] = value;
        }
    }

    /** The value saved at this call's entry; 0 when the entry was not seen (its handler was skipped). */
    public long entryPopLong(int probe) {
        return entryInstance != null && entryCursor > 0 ? entryInstance.data[--entryCursor] : 0;
    }

    public String entryPopString(int probe) {
        Object v = entryInstance != null && entryCursor > 0 ? entryInstance.refs[--entryCursor] : null;
        return v == null ? "" : (String) v;
    }

    /** Groups of the last successful =~, for matched(n). */
    private String[] matched;

    /** What tokenize("", delim) continues with. */
    private String tokenizeRest = "";

    public String tokenizeRest() {
        return tokenizeRest;
    }

    public void setTokenizeRest(String rest) {
        tokenizeRest = rest;
    }

    public String[] matched() {
        return matched;
    }

    public void setMatched(String[] groups) {
        matched = groups;
    }

    public org.jstap.runtime.map.MapKey key() {
        return key;
    }

    public StringBuilder out() {
        return out;
    }

    public void print(String s) {
        out.append(s);
    }

    public void print(long v) {
        out.append(v);
    }

    public void print(char c) {
        out.append(c);
    }
}
