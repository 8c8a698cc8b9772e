package org.jstap.lang.cli.strace;

import java.util.ArrayList;
import java.util.List;

/**
 * Where strace divides a call whose arguments the kernel fills in: its decoder prints the
 * arguments before the first output argument when the call enters, and the rest when it
 * returns. jstrace's script names such calls in {@code _at_exit} with this split, written
 * {@code "N,"} (N arguments, then the separator: {@code read(3, }) or {@code "N"} (N arguments,
 * the separator printed at the return with the rest: {@code getdents64(3}, {@code ioctl(1, TCGETS});
 * the entry record carries the entry's text and the return record the call as it is after the
 * return, and this class cuts both at the split.
 *
 * <pre>{@code
 * EntrySplit read = EntrySplit.parse("1,");
 * read.head("read(3, 0x3ff000, 4096)");   // "read(3, "
 * read.rest("read(3, \"hi\\n\", 4096)");  // "\"hi\\n\", 4096"
 * }</pre>
 */
public record EntrySplit(int inputs, boolean separator) {

    /** The split as trace.stp writes it, or null for "" (the whole call is printed at its entry). */
    public static EntrySplit parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        boolean sep = text.endsWith(",");
        return new EntrySplit(Integer.parseInt(sep ? text.substring(0, text.length() - 1) : text), sep);
    }

    /** What the entry line shows of {@code call} (the entry's text): the name, the inputs, maybe ", ". */
    public String head(String call) {
        int open = call.indexOf('(');
        List<String> args = arguments(call);
        int n = Math.min(inputs, args.size());
        String head = call.substring(0, open + 1) + String.join(", ", args.subList(0, n));
        return separator && args.size() > n && n > 0 ? head + ", " : head;
    }

    /** What follows the entry's part in {@code call} (the return's text), without the closing parenthesis. */
    public String rest(String call) {
        List<String> args = arguments(call);
        if (args.size() <= inputs) {
            return "";
        }
        String rest = String.join(", ", args.subList(inputs, args.size()));
        return separator || inputs == 0 ? rest : ", " + rest;
    }

    /**
     * The arguments of {@code name(a, b, ...)}, split at the commas outside strings, structures,
     * arrays and nested parentheses ({@code {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}}
     * is one argument).
     */
    static List<String> arguments(String call) {
        int open = call.indexOf('(');
        int end = call.endsWith(")") ? call.length() - 1 : call.length();
        List<String> args = new ArrayList<>();
        if (open < 0 || open + 1 >= end) {
            return args;
        }
        int depth = 0;
        int start = open + 1;
        boolean quoted = false;
        for (int i = start; i < end; i++) {
            char ch = call.charAt(i);
            if (quoted) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '{' || ch == '[' || ch == '(') {
                depth++;
            } else if (ch == '}' || ch == ']' || ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0 && i + 1 < end && call.charAt(i + 1) == ' ') {
                args.add(call.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        args.add(call.substring(start, end));
        return args;
    }
}
