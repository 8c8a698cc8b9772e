package org.jstap.lang.parse;

import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Decides a preprocessor condition: comparisons of {@code kernel_v}, {@code kernel_vr}, {@code arch},
 * {@code runtime}, {@code systemtap_v}, {@code systemtap_privilege}, {@code guru_mode}, {@code CONFIG_*}
 * or literals, joined by {@code &&} (binding tighter) and {@code ||}.
 */
final class ConditionEvaluator {
    private final TargetInfo target;
    private final Token open;
    private List<Token> tokens;
    private int pos;

    ConditionEvaluator(TargetInfo target, Token open) {
        this.target = target;
        this.open = open;
    }

    boolean evaluate(List<Token> condition) {
        tokens = condition;
        pos = 0;
        boolean value = or();
        if (pos < tokens.size()) {
            throw error("expected '%?' marker for conditional", tokens.get(pos));
        }
        return value;
    }

    private boolean or() {
        boolean value = and();
        while (peek(StapLexer.OR)) {
            pos++;
            value |= and();
        }
        return value;
    }

    private boolean and() {
        boolean value = comparison();
        while (peek(StapLexer.AND)) {
            pos++;
            value &= comparison();
        }
        return value;
    }

    private boolean comparison() {
        Token left = next();
        Token op = next();
        Token right = next();
        String opText = op.getText();
        if (!List.of("==", "!=", "<", "<=", ">", ">=").contains(opText)) {
            throw error("expected comparison operator", op);
        }
        String name = left.getType() == StapLexer.IDENT ? left.getText() : null;
        if (name == null) {
            return literalComparison(left, opText, right);
        }
        switch (name) {
            case "kernel_v", "kernel_vr", "systemtap_v" -> {
                String have = switch (name) {
                    case "kernel_v" -> target.kernelVersion();
                    case "kernel_vr" -> target.kernelRelease();
                    default -> TargetInfo.SYSTEMTAP_VERSION;
                };
                return compare(Versions.compare(have, string(right)), opText);
            }
            case "arch", "runtime", "systemtap_privilege" -> {
                String have = switch (name) {
                    case "arch" -> target.arch();
                    case "runtime" -> "kernel";
                    default -> "stapdev";
                };
                return globCompare(have, string(right), opText, right);
            }
            case "guru_mode" -> {
                return compare(Long.compare(target.guruMode() ? 1 : 0, number(right)), opText);
            }
            default -> {
                if (name.startsWith("CONFIG_")) {
                    if (right.getType() == StapLexer.NUMBER) {
                        String have = target.config().getOrDefault(name, "");
                        long value;
                        try {
                            value = Long.decode(have);
                        } catch (NumberFormatException e) {
                            value = 0;
                        }
                        return compare(Long.compare(value, number(right)), opText);
                    }
                    return globCompare(target.config().getOrDefault(name, ""), string(right), opText, right);
                }
                throw error("expected 'arch', 'kernel_v', 'kernel_vr', 'systemtap_v', 'runtime', "
                        + "'systemtap_privilege', 'guru_mode', 'CONFIG_...', or comparison between strings or"
                        + " integers", left);
            }
        }
    }

    private boolean literalComparison(Token left, String op, Token right) {
        if (left.getType() == StapLexer.STRING && right.getType() == StapLexer.STRING) {
            return compare(string(left).compareTo(string(right)), op);
        }
        if (isNumber(left) && isNumber(right)) {
            return compare(Long.compare(number(left), number(right)), op);
        }
        throw error("expected comparison between strings or integers", left);
    }

    private boolean globCompare(String have, String pattern, String op, Token at) {
        boolean match = Globs.matches(pattern, have);
        return switch (op) {
            case "==" -> match;
            case "!=" -> !match;
            default -> compare(have.compareTo(pattern), op);
        };
    }

    private static boolean compare(int c, String op) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private boolean isNumber(Token t) {
        return t.getType() == StapLexer.NUMBER;
    }

    private long number(Token t) {
        if (t.getType() != StapLexer.NUMBER) {
            throw error("expected number", t);
        }
        try {
            return Literals.parseNumber(t.getText());
        } catch (NumberFormatException e) {
            throw error("number invalid or out of range", t);
        }
    }

    private String string(Token t) {
        if (t.getType() != StapLexer.STRING) {
            throw error("expected string literal", t);
        }
        return Literals.stringContent(t.getText());
    }

    private boolean peek(int type) {
        return pos < tokens.size() && tokens.get(pos).getType() == type;
    }

    private Token next() {
        if (pos >= tokens.size()) {
            throw error("incomplete condition", pos > 0 ? tokens.get(pos - 1) : open);
        }
        return tokens.get(pos++);
    }

    private Preprocessor.PreprocessorError error(String message, Token at) {
        return new Preprocessor.PreprocessorError("cond", message, at);
    }
}
