package org.jstap.sim.userland.sh;

import java.util.function.Function;

/**
 * The shell's arithmetic expansion, {@code $((expr))}: C's integer operators on 64-bit values
 * with C's precedence ({@code ?: || && | ^ & == != < <= > >= << >> + - * / % ! ~ unary -}),
 * decimal, octal (0NN) and hex (0xNN) constants, and variable names (unset or empty is 0).
 * Errors are worded as dash's ("arithmetic expression: expecting primary: \"1+\"").
 */
public final class Arithmetic {
    /** A malformed expression or a division by zero. */
    public static final class Error extends RuntimeException {
        Error(String message) {
            super(message, null, false, false);
        }
    }

    private final String src;
    private final Function<String, String> vars;
    private int pos;

    private Arithmetic(String src, Function<String, String> vars) {
        this.src = src;
        this.vars = vars;
    }

    /** The value of {@code expr}, variables looked up in {@code vars}. */
    public static long eval(String expr, Function<String, String> vars) {
        Arithmetic a = new Arithmetic(expr, vars);
        a.skip();
        if (a.pos >= expr.length()) {
            return 0;
        }
        long v = a.ternary();
        a.skip();
        if (a.pos < expr.length()) {
            throw a.error("expecting EOF");
        }
        return v;
    }

    private Error error(String what) {
        return new Error("arithmetic expression: " + what + ": \"" + src + "\"");
    }

    private void skip() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String op) {
        skip();
        if (src.startsWith(op, pos)) {
            // do not take the first character of a longer operator
            String rest = src.substring(pos + op.length());
            if ((op.equals("<") || op.equals(">")) && (rest.startsWith("=") || rest.startsWith(op))) {
                return false;
            }
            if ((op.equals("&") || op.equals("|")) && rest.startsWith(op)) {
                return false;
            }
            if ((op.equals("!") || op.equals("=")) && rest.startsWith("=")) {
                return false;
            }
            pos += op.length();
            return true;
        }
        return false;
    }

    private long ternary() {
        long c = binary(0);
        if (eat("?")) {
            long a = ternary();
            if (!eat(":")) {
                throw error("expecting ':'");
            }
            long b = ternary();
            return c != 0 ? a : b;
        }
        return c;
    }

    private static final String[][] LEVELS = {{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="},
        {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};

    private long binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        long v = binary(level + 1);
        while (true) {
            String found = null;
            for (String op : LEVELS[level]) {
                if (eat(op)) {
                    found = op;
                    break;
                }
            }
            if (found == null) {
                return v;
            }
            long r = binary(level + 1);
            v = switch (found) {
                case "||" -> (v != 0 || r != 0) ? 1 : 0;
                case "&&" -> (v != 0 && r != 0) ? 1 : 0;
                case "|" -> v | r;
                case "^" -> v ^ r;
                case "&" -> v & r;
                case "==" -> v == r ? 1 : 0;
                case "!=" -> v != r ? 1 : 0;
                case "<=" -> v <= r ? 1 : 0;
                case ">=" -> v >= r ? 1 : 0;
                case "<" -> v < r ? 1 : 0;
                case ">" -> v > r ? 1 : 0;
                case "<<" -> v << r;
                case ">>" -> v >> r;
                case "+" -> v + r;
                case "-" -> v - r;
                case "*" -> v * r;
                default -> {
                    if (r == 0) {
                        throw error("division by zero");
                    }
                    yield found.equals("/") ? v / r : v % r;
                }
            };
        }
    }

    private long unary() {
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        if (eat("!")) {
            return unary() == 0 ? 1 : 0;
        }
        if (eat("~")) {
            return ~unary();
        }
        return primary();
    }

    private long primary() {
        skip();
        if (eat("(")) {
            long v = ternary();
            if (!eat(")")) {
                throw error("expecting ')'");
            }
            return v;
        }
        int start = pos;
        if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
                pos++;
            }
            return number(src.substring(start, pos));
        }
        while (pos < src.length() && Lexer.nameChar(src.charAt(pos), pos == start)) {
            pos++;
        }
        if (pos == start) {
            throw error("expecting primary");
        }
        String v = vars.apply(src.substring(start, pos));
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return number(v.strip());
        } catch (Error e) {
            throw error("Illegal number: " + v);
        }
    }

    private long number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseLong(s.substring(1), 8);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("Illegal number: " + s);
        }
    }
}
