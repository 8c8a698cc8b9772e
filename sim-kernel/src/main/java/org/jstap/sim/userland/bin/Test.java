package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/**
 * /bin/test and /bin/[ EXPRESSION ]: file tests by stat/lstat/faccessat ({@code -e -f -d -L -h
 * -s -r -w -x -p -c -b}), strings ({@code -n -z = !=}), integers ({@code -eq -ne -lt -le -gt
 * -ge}), {@code ! -a -o ( )}. Status 0 true, 1 false, 2 for a malformed expression.
 */
public final class Test extends Program {
    private final boolean bracket;

    public Test(boolean bracket) {
        this.bracket = bracket;
    }

    /** A malformed expression: the message coreutils prints. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Parser {
        final Proc p;
        final List<String> a;
        int i;

        Parser(Proc p, List<String> a) {
            this.p = p;
            this.a = a;
        }

        boolean more() {
            return i < a.size();
        }

        boolean or() {
            boolean v = and();
            while (more() && a.get(i).equals("-o")) {
                i++;
                v |= and();
            }
            return v;
        }

        boolean and() {
            boolean v = not();
            while (more() && a.get(i).equals("-a")) {
                i++;
                v &= not();
            }
            return v;
        }

        boolean not() {
            if (more() && a.get(i).equals("!") && i + 1 < a.size()) {
                i++;
                return !not();
            }
            return primary();
        }

        boolean primary() {
            if (!more()) {
                throw new Malformed("argument expected");
            }
            String t = a.get(i);
            if (t.equals("(") && a.size() - i > 2) {
                i++;
                boolean v = or();
                if (!more() || !a.get(i).equals(")")) {
                    throw new Malformed("')' expected");
                }
                i++;
                return v;
            }
            if (i + 2 < a.size() && isBinary(a.get(i + 1))) {
                // a binary operator between two operands
                String op = a.get(i + 1);
                String r = a.get(i + 2);
                i += 3;
                return binary(t, op, r);
            }
            if (t.startsWith("-") && t.length() == 2 && i + 1 < a.size()) {
                String arg = a.get(i + 1);
                i += 2;
                return unary(t.charAt(1), arg);
            }
            i++;
            return !t.isEmpty();
        }

        static boolean isBinary(String op) {
            return switch (op) {
                case "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">" -> true;
                default -> false;
            };
        }

        boolean binary(String l, String op, String r) {
            switch (op) {
                case "=", "==":
                    return l.equals(r);
                case "!=":
                    return !l.equals(r);
                case "<":
                    return l.compareTo(r) < 0;
                case ">":
                    return l.compareTo(r) > 0;
                default:
                    break;
            }
            long x = integer(l);
            long y = integer(r);
            return switch (op) {
                case "-eq" -> x == y;
                case "-ne" -> x != y;
                case "-lt" -> x < y;
                case "-le" -> x <= y;
                case "-gt" -> x > y;
                default -> x >= y;
            };
        }

        static long integer(String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new Malformed("invalid integer " + Proc.quote(s));
            }
        }

        boolean unary(char op, String arg) {
            Stat st = new Stat();
            Libc libc = p.libc;
            switch (op) {
                case 'n':
                    return !arg.isEmpty();
                case 'z':
                    return arg.isEmpty();
                case 'L', 'h':
                    return libc.lstat(arg, st) == 0 && st.isLnk();
                case 'r':
                    return libc.faccessat(Libc.AT_FDCWD, arg, Libc.R_OK) == 0;
                case 'w':
                    return libc.faccessat(Libc.AT_FDCWD, arg, Libc.W_OK) == 0;
                case 'x':
                    return libc.faccessat(Libc.AT_FDCWD, arg, Libc.X_OK) == 0;
                case 't':
                    return libc.isatty((int) integer(arg));
                default:
                    break;
            }
            boolean exists = libc.stat(arg, st) == 0;
            return switch (op) {
                case 'e' -> exists;
                case 'f' -> exists && st.isReg();
                case 'd' -> exists && st.isDir();
                case 's' -> exists && st.st_size > 0;
                case 'p' -> exists && st.type() == Stat.S_IFIFO;
                case 'c' -> exists && st.type() == Stat.S_IFCHR;
                case 'b' -> exists && st.type() == Stat.S_IFBLK;
                case 'S' -> exists && st.type() == Stat.S_IFSOCK;
                default -> throw new Malformed("'-" + op + "': unary operator expected");
            };
        }
    }

    @Override
    protected int main(Proc p) {
        List<String> a = p.args();
        if (bracket) {
            if (a.isEmpty() || !a.get(a.size() - 1).equals("]")) {
                p.error("missing ']'");
                return 2;
            }
            a = a.subList(0, a.size() - 1);
        }
        if (a.isEmpty()) {
            return 1;
        }
        Parser parser = new Parser(p, a);
        try {
            boolean v = parser.or();
            if (parser.more()) {
                throw new Malformed("extra argument " + Proc.quote(a.get(parser.i)));
            }
            return v ? 0 : 1;
        } catch (Malformed e) {
            p.error(e.getMessage());
            return 2;
        }
    }
}
