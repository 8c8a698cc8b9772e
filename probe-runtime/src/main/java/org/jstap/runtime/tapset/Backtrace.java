package org.jstap.runtime.tapset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jstap.runtime.Context;
import org.jstap.sim.kernel.Kallsyms;

/**
 * Kernel backtraces: the kernel functions on the stack at the probe, innermost first, found by
 * walking the Java stack and keeping the frames that are kernel functions (kallsyms symbols).
 */
public final class Backtrace {
    private static final Map<String, Kallsyms.Symbol> BY_METHOD = index();

    private Backtrace() {}

    private static Map<String, Kallsyms.Symbol> index() {
        Map<String, Kallsyms.Symbol> map = new HashMap<>();
        for (Kallsyms.Symbol s : Kallsyms.symbols()) {
            map.putIfAbsent(s.method().getDeclaringClass().getName() + "." + s.name(), s);
        }
        return map;
    }

    /** The kernel frames on the current stack, innermost first. */
    static List<Kallsyms.Symbol> frames() {
        return StackWalker.getInstance().walk(s -> s
                .map(f -> BY_METHOD.get(f.getClassName() + "." + f.getMethodName()))
                .filter(java.util.Objects::nonNull)
                .toList());
    }

    /** backtrace(): the addresses of the kernel stack, hex, separated by spaces. */
    @Function
    public static String backtrace(Context c) {
        StringBuilder out = new StringBuilder();
        for (Kallsyms.Symbol s : frames()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append("0x").append(Long.toHexString(s.address()));
        }
        return c.clip(out.toString());
    }

    /** print_backtrace(): one line per kernel frame, {@code  0xffffffff80001800 : hrtimer_interrupt+0x0/0x100 [kernel]}. */
    @Function
    public static void print_backtrace(Context c) {
        c.print(sprint_backtrace(c));
    }

    /** sprint_backtrace(): what print_backtrace prints, as a string. */
    @Function
    public static String sprint_backtrace(Context c) {
        StringBuilder out = new StringBuilder();
        for (Kallsyms.Symbol s : frames()) {
            out.append(String.format(" 0x%016x : %s+0x0/0x100 [kernel]%n", s.address(), s.name()));
        }
        return out.toString();
    }

    /**
     * caller_addr(): where the probed function was called from. The innermost kernel frame is the
     * probed function itself (a kprobe runs at its entry; a tracepoint in the function that emits
     * it), so the caller is the next one; 0 when there is none, as in a timer probe.
     */
    @Function
    public static long caller_addr(Context c) {
        List<Kallsyms.Symbol> frames = frames();
        return frames.size() < 2 ? 0 : frames.get(1).address();
    }

    /** caller(): {@code "name 0xaddr"} of the probed function's caller, as stap's context.stp writes it. */
    @Function
    public static String caller(Context c) {
        long addr = caller_addr(c);
        return c.clip(symname(c, addr) + " 0x" + Long.toHexString(addr));
    }

    /** symname(addr): the kernel function at an address, or the address in hex. */
    @Function
    public static String symname(Context c, long address) {
        for (Kallsyms.Symbol s : Kallsyms.symbols()) {
            if (address >= s.address() && address < s.address() + 0x100) {
                return s.name();
            }
        }
        return "0x" + Long.toHexString(address);
    }
}
