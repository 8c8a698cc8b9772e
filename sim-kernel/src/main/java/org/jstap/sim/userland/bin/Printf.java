package org.jstap.sim.userland.bin;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.CFormat;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/printf as coreutils': the format is reused while arguments remain; %d %i %u %o %x %X %c
 * %s %b %f %e %g %% with flags, width and precision; numbers may be 'c (a character's code).
 */
public final class Printf extends Program {
    @Override
    protected int main(Proc p) {
        List<String> args = p.args();
        if (args.isEmpty()) {
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        String fmt = args.get(0);
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        StringBuilder out = new StringBuilder();
        int[] status = {0};
        do {
            int before = rest.size();
            if (format(p, fmt, rest, out, status)) {
                break;
            }
            if (rest.size() == before) {
                break;
            }
        } while (!rest.isEmpty());
        p.out().print(out.toString());
        return status[0];
    }

    /** One pass over the format; true when \c asked to stop all output. */
    private static boolean format(Proc p, String fmt, List<String> args, StringBuilder out, int[] status) {
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '\\') {
                int[] end = {i};
                if (escape(fmt, i, out, end, false)) {
                    return true;
                }
                i = end[0];
                continue;
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '%') {
                out.append('%');
                i++;
                continue;
            }
            List<Long> stars = new ArrayList<>();
            for (int j = i + 1; j < fmt.length() && "-+ #0123456789.*".indexOf(fmt.charAt(j)) >= 0; j++) {
                if (fmt.charAt(j) == '*') {
                    stars.add(number(p, args.isEmpty() ? "0" : args.remove(0), status));
                }
            }
            int[] end = new int[1];
            CFormat.Spec s = CFormat.parse(fmt, i + 1, end, stars);
            if (s == null) {
                p.error("%" + fmt.substring(i + 1) + ": invalid conversion specification");
                status[0] = 1;
                return true;
            }
            String arg = args.isEmpty() ? null : args.remove(0);
            switch (s.conv()) {
                case 'd', 'i', 'u', 'o', 'x', 'X' -> out.append(CFormat.integer(s, arg == null ? 0 : number(p, arg, status)));
                case 'f', 'F', 'e', 'E', 'g', 'G' -> out.append(CFormat.floating(s, arg == null ? 0 : real(p, arg, status)));
                case 'c' -> out.append(CFormat.string(s, arg == null || arg.isEmpty() ? (arg == null ? "" : "\0")
                        : arg.substring(0, 1)));
                case 's' -> out.append(CFormat.string(s, arg == null ? "" : arg));
                case 'b' -> {
                    StringBuilder b = new StringBuilder();
                    boolean stop = escapes(arg == null ? "" : arg, b, true);
                    out.append(CFormat.string(s, b.toString()));
                    if (stop) {
                        return true;
                    }
                }
                default -> {
                    p.error("%" + s.conv() + ": invalid conversion specification");
                    status[0] = 1;
                    return true;
                }
            }
            i = end[0] - 1;
        }
        return false;
    }

    private static long number(Proc p, String a, int[] status) {
        if (a.length() >= 2 && (a.charAt(0) == '\'' || a.charAt(0) == '"')) {
            return a.charAt(1);
        }
        String t = a.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseLong(t.substring(1), 8);
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            p.error(quote(a) + ": expected a numeric value");
            status[0] = 1;
            long v = 0;
            for (int i = 0; i < t.length() && Character.isDigit(t.charAt(i)); i++) {
                v = v * 10 + t.charAt(i) - '0';
            }
            return v;
        }
    }

    private static double real(Proc p, String a, int[] status) {
        if (a.length() >= 2 && (a.charAt(0) == '\'' || a.charAt(0) == '"')) {
            return a.charAt(1);
        }
        try {
            return Double.parseDouble(a.strip());
        } catch (NumberFormatException e) {
            p.error(quote(a) + ": expected a numeric value");
            status[0] = 1;
            return 0;
        }
    }

    private static String quote(String a) {
        return Proc.quote(a);
    }

    /**
     * Expands backslash escapes of {@code s} into {@code out} (echo -e and %b: octal as \0NNN);
     * true when \c ended the output.
     */
    static boolean escapes(String s, StringBuilder out, boolean zeroOctal) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            int[] end = {i};
            if (escape(s, i, out, end, zeroOctal)) {
                return true;
            }
            i = end[0];
        }
        return false;
    }

    /** The escape at s[i] == '\\'; end[0] is set to its last character. True for \c. */
    private static boolean escape(String s, int i, StringBuilder out, int[] end, boolean zeroOctal) {
        if (i + 1 >= s.length()) {
            out.append('\\');
            end[0] = i;
            return false;
        }
        char e = s.charAt(i + 1);
        end[0] = i + 1;
        switch (e) {
            case 'a' -> out.append('\007');
            case 'b' -> out.append('\b');
            case 'c' -> {
                return true;
            }
            case 'e' -> out.append('\033');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\013');
            case '\\' -> out.append('\\');
            case 'x' -> {
                int j = i + 2;
                int v = 0;
                while (j < s.length() && j < i + 4 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j++), 16);
                }
                if (j == i + 2) {
                    out.append("\\x");
                } else {
                    out.append((char) v);
                    end[0] = j - 1;
                }
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int max = 3;
                    if (zeroOctal && e == '0') {
                        j++;
                    }
                    int v = 0;
                    int start = j;
                    while (j < s.length() && j < start + max && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + s.charAt(j++) - '0';
                    }
                    out.append((char) (v & 0xff));
                    end[0] = j - 1;
                } else {
                    out.append('\\').append(e);
                }
            }
        }
        return false;
    }
}
