package org.jstap.sim.userland.bin;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/grep: basic regular expressions by default, {@code -E} extended, {@code -F} fixed strings;
 * {@code -v -c -n -i -l -q -h -H}. Status 0 when a line was selected, 1 when none, 2 on error.
 */
public final class Grep extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "vcniEFlqhHe:");
        boolean invert = false;
        boolean count = false;
        boolean number = false;
        boolean ignoreCase = false;
        boolean extended = false;
        boolean fixed = false;
        boolean list = false;
        boolean quiet = false;
        Boolean names = null;
        String pattern = null;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'v' -> invert = true;
                case 'c' -> count = true;
                case 'n' -> number = true;
                case 'i' -> ignoreCase = true;
                case 'E' -> extended = true;
                case 'F' -> fixed = true;
                case 'l' -> list = true;
                case 'q' -> quiet = true;
                case 'h' -> names = false;
                case 'H' -> names = true;
                case 'e' -> pattern = g.optarg();
                default -> {
                    p.err().print("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
                    p.err().print("Try 'grep --help' for more information.\n");
                    return 2;
                }
            }
        }
        List<String> ops = g.operands();
        if (pattern == null) {
            if (ops.isEmpty()) {
                p.err().print("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
                p.err().print("Try 'grep --help' for more information.\n");
                return 2;
            }
            pattern = ops.get(0);
            ops = ops.subList(1, ops.size());
        }
        Pattern re;
        try {
            String[] alternatives = pattern.split("\n", -1);
            StringBuilder joined = new StringBuilder();
            for (String a : alternatives) {
                if (!joined.isEmpty()) {
                    joined.append('|');
                }
                joined.append("(?:").append(fixed ? Pattern.quote(a) : extended ? a : bre(a)).append(')');
            }
            re = Pattern.compile(joined.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            p.error("Unmatched ( or \\(");
            return 2;
        }
        List<String> files = ops.isEmpty() ? List.of("-") : ops;
        boolean showNames = names != null ? names : files.size() > 1;
        boolean any = false;
        boolean error = false;
        Stdio.Out out = p.out();
        for (String f : files) {
            long fd = f.equals("-") ? 0 : p.libc.open(f, Libc.O_RDONLY, 0);
            String label = f.equals("-") ? "(standard input)" : f;
            if (fd < 0) {
                p.error(f, fd);
                error = true;
                continue;
            }
            Stdio.In in = new Stdio.In(p.libc, (int) fd);
            long matches = 0;
            long lineNo = 0;
            for (String line; (line = in.readLine()) != null;) {
                lineNo++;
                String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
                if (re.matcher(text).find() == invert) {
                    continue;
                }
                matches++;
                any = true;
                if (quiet) {
                    return 0;
                }
                if (list) {
                    break;
                }
                if (!count) {
                    out.print((showNames ? label + ":" : "") + (number ? lineNo + ":" : "") + text + "\n");
                }
            }
            if (in.error() != 0) {
                p.error(f, in.error());
                error = true;
            }
            in.release();
            if (fd != 0) {
                p.libc.close((int) fd);
            }
            if (count) {
                out.print((showNames ? label + ":" : "") + matches + "\n");
            }
            if (list && matches > 0) {
                out.print(label + "\n");
            }
        }
        return error && !(quiet && any) ? 2 : any ? 0 : 1;
    }

    /** A POSIX basic regular expression in java.util.regex's syntax. */
    static String bre(String s) {
        StringBuilder out = new StringBuilder();
        boolean inBracket = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inBracket) {
                int close = s.startsWith("[:", i) ? s.indexOf(":]", i + 2) : -1;
                if (close > 0) {
                    String name = s.substring(i + 2, close);
                    out.append("\\p{").append(switch (name) {
                        case "alpha" -> "Alpha";
                        case "digit" -> "Digit";
                        case "alnum" -> "Alnum";
                        case "upper" -> "Upper";
                        case "lower" -> "Lower";
                        case "space" -> "Space";
                        case "punct" -> "Punct";
                        case "xdigit" -> "XDigit";
                        case "blank" -> "Blank";
                        case "cntrl" -> "Cntrl";
                        case "print" -> "Print";
                        default -> "Graph";
                    }).append('}');
                    i = close + 1;
                    continue;
                }
                if (c == ']' && !(out.charAt(out.length() - 1) == '[' || out.toString().endsWith("[^"))) {
                    inBracket = false;
                } else if (c == '[' || c == '&' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= s.length()) {
                        out.append("\\\\");
                        break;
                    }
                    char n = s.charAt(++i);
                    if ("(){}|+?".indexOf(n) >= 0) {
                        out.append(n);
                    } else if (Character.isLetterOrDigit(n) && "wWsSbB<>123456789".indexOf(n) < 0) {
                        out.append(n);
                    } else if (n == '<' || n == '>') {
                        out.append("\\b");
                    } else {
                        out.append('\\').append(n);
                    }
                }
                case '(', ')', '{', '}', '|', '+', '?' -> out.append('\\').append(c);
                case '*' -> {
                    if (out.isEmpty() || out.toString().equals("^")) {
                        out.append("\\*");
                    } else {
                        out.append('*');
                    }
                }
                case '[' -> {
                    inBracket = true;
                    out.append('[');
                    if (i + 1 < s.length() && s.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < s.length() && s.charAt(i + 1) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
