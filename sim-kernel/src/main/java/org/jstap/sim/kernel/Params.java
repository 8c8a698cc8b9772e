package org.jstap.sim.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * kernel/params.c: splitting the kernel command line into {@code name[=value]} arguments, with
 * Linux's quoting ({@code foo="a b"} is one argument; the quotes are removed).
 */
@LinuxFile("kernel/params.c")
public final class Params {
    /** One argument: its name and its value, or null when it had no {@code =}. */
    public record Param(String name, String value) {
        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    private Params() {}

    /** parse_args: every argument of {@code args}, in order; {@code --} and what follows stay as given. */
    public static List<Param> parse_args(String args) {
        List<Param> out = new ArrayList<>();
        int i = 0;
        while (i < args.length()) {
            while (i < args.length() && Character.isWhitespace(args.charAt(i))) {
                i++;
            }
            if (i == args.length()) {
                break;
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            for (; i < args.length() && (quoted || !Character.isWhitespace(args.charAt(i))); i++) {
                char c = args.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else {
                    word.append(c);
                }
            }
            out.add(next_arg(word.toString()));
        }
        return out;
    }

    /** next_arg: one argument split at its first {@code =}. */
    static Param next_arg(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? new Param(word, null) : new Param(word.substring(0, eq), word.substring(eq + 1));
    }
}
