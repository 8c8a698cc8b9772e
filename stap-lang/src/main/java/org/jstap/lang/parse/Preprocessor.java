package org.jstap.lang.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.diag.SourceFile;

/**
 * Stap's preprocessor, on tokens: script arguments ({@code $1} pastes tokens, {@code @1} a string,
 * {@code $#}/{@code @#} the count), {@code @define} macros with {@code @param}s, expanded before the
 * conditionals {@code %( COND %? A %: B %)} are decided.
 *
 * <p>Macros defined in library files are shared through {@link #macros()}; a script's own stay local.
 */
public final class Preprocessor {
    private static final int MAX_EXPANSION_DEPTH = 100;

    private final TargetInfo target;
    private final SourceFile file;
    private final Diagnostics diagnostics;
    private final Map<String, Macro> macros;

    /** A defined macro: parameter names without '@', and its body tokens. */
    public record Macro(String name, List<String> params, List<Token> body) {}

    public Preprocessor(TargetInfo target, SourceFile file, Diagnostics diagnostics, Map<String, Macro> libraryMacros) {
        this.target = target;
        this.file = file;
        this.diagnostics = diagnostics;
        this.macros = new HashMap<>(libraryMacros);
    }

    public Map<String, Macro> macros() {
        return macros;
    }

    /** Expands a file's default-channel tokens (without EOF) into what the parser reads. */
    public List<Token> process(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        try {
            expand(tokens, out, 0);
        } catch (PreprocessorError e) {
            String subject = e.subject == null ? "junk ''" : e.subject;
            diagnostics.add(e.lexical
                    ? Diagnostic.lexicalError("pp." + e.code, e.getMessage(), subject, Tokens.span(file, e.token))
                    : Diagnostic.parseError("pp." + e.code, e.getMessage(), subject, Tokens.span(file, e.token)));
        }
        return out;
    }

    private void expand(List<Token> in, List<Token> out, int depth) {
        if (depth > MAX_EXPANSION_DEPTH) {
            throw new PreprocessorError("macro", "too many nested macro expansions (recursive macro?)",
                    in.isEmpty() ? null : in.get(0));
        }
        int i = 0;
        while (i < in.size()) {
            Token t = in.get(i);
            switch (t.getType()) {
                case StapLexer.SCRIPT_ARG -> {
                    out.addAll(scriptArgument(t));
                    i++;
                }
                case StapLexer.STRING_ARG -> {
                    out.add(stringArgument(t));
                    i++;
                }
                case StapLexer.PP_OPEN -> i = conditional(in, i, out, depth);
                case StapLexer.PP_THEN, StapLexer.PP_ELSE, StapLexer.PP_CLOSE ->
                        throw new PreprocessorError("stray", "incomplete conditional - unexpected '"
                                + t.getText() + "'", t);
                case StapLexer.AT_IDENT -> {
                    if (t.getText().equals("@define")) {
                        i = define(in, i);
                    } else if (macros.containsKey(t.getText().substring(1))) {
                        i = invoke(in, i, out, depth);
                    } else if (!ParseMessages.isAtOperator(t.getText())) {
                        throw new PreprocessorError("macro", "unknown operator " + t.getText(),
                                "operator '" + t.getText() + "'", t, false);
                    } else {
                        out.add(t);
                        i++;
                    }
                }
                default -> {
                    out.add(t);
                    i++;
                }
            }
        }
    }

    private List<Token> scriptArgument(Token t) {
        String which = t.getText().substring(1);
        if (which.equals("#")) {
            return List.of(retyped(t, StapLexer.NUMBER, Integer.toString(target.args().size())));
        }
        String arg = argument(t, which);
        List<Token> pasted = new ArrayList<>();
        StapLexer lexer = new StapLexer(CharStreams.fromString(arg));
        lexer.removeErrorListeners();
        for (Token a = lexer.nextToken(); a.getType() != Token.EOF; a = lexer.nextToken()) {
            if (a.getChannel() == Token.DEFAULT_CHANNEL) {
                pasted.add(retyped(t, a.getType(), a.getText()));
            }
        }
        return pasted;
    }

    private Token stringArgument(Token t) {
        String which = t.getText().substring(1);
        String value = which.equals("#") ? Integer.toString(target.args().size()) : argument(t, which);
        return retyped(t, StapLexer.STRING, "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    private String argument(Token t, String which) {
        int n = Integer.parseInt(which);
        if (n < 1 || n > target.args().size()) {
            throw new PreprocessorError("arg", "command line argument out of range [1-" + target.args().size() + "]",
                    null, t);
        }
        return target.args().get(n - 1);
    }

    /** A token with another type and text that keeps the position of {@code at}. */
    private static Token retyped(Token at, int type, String text) {
        CommonToken c = new CommonToken(at);
        c.setType(type);
        c.setText(text);
        return c;
    }

    // ---------------------------------------------------------------- @define

    private int define(List<Token> in, int at) {
        Token keyword = in.get(at);
        int i = at + 1;
        Token name = get(in, i++, keyword);
        if (name.getType() != StapLexer.IDENT) {
            throw new PreprocessorError("define", "expected identifier", name);
        }
        List<String> params = new ArrayList<>();
        if (peekType(in, i) == StapLexer.LPAREN) {
            i++;
            while (true) {
                Token p = get(in, i++, name);
                if (p.getType() != StapLexer.IDENT) {
                    throw new PreprocessorError("define", "expected identifier", p);
                }
                params.add(p.getText());
                Token sep = get(in, i++, p);
                if (sep.getType() == StapLexer.RPAREN) {
                    break;
                }
                if (sep.getType() != StapLexer.COMMA) {
                    throw new PreprocessorError("define", "expected ',' or ')'", sep);
                }
            }
        }
        Token open = get(in, i++, name);
        if (open.getType() != StapLexer.PP_OPEN) {
            throw new PreprocessorError("define", "expected '%('", open);
        }
        int close = matchingClose(in, i, open);
        if (macros.containsKey(name.getText())) {
            throw new PreprocessorError("define", "attempt to redefine macro '@" + name.getText()
                    + "' in the same file", name);
        }
        macros.put(name.getText(), new Macro(name.getText(), params, List.copyOf(in.subList(i, close))));
        return close + 1;
    }

    private int invoke(List<Token> in, int at, List<Token> out, int depth) {
        Token call = in.get(at);
        Macro macro = macros.get(call.getText().substring(1));
        int i = at + 1;
        List<List<Token>> args = new ArrayList<>();
        if (!macro.params().isEmpty()) {
            Token open = get(in, i++, call);
            if (open.getType() != StapLexer.LPAREN) {
                throw new PreprocessorError("macro", "expected '(' in invocation of macro '@" + macro.name() + "'",
                        open);
            }
            List<Token> current = new ArrayList<>();
            int nesting = 0;
            while (true) {
                Token t = get(in, i++, open);
                int type = t.getType();
                if (nesting == 0 && (type == StapLexer.COMMA || type == StapLexer.RPAREN)) {
                    args.add(current);
                    current = new ArrayList<>();
                    if (type == StapLexer.RPAREN) {
                        break;
                    }
                    continue;
                }
                if (type == StapLexer.LPAREN || type == StapLexer.LBRACK || type == StapLexer.LBRACE) {
                    nesting++;
                } else if (type == StapLexer.RPAREN || type == StapLexer.RBRACK || type == StapLexer.RBRACE) {
                    nesting--;
                }
                current.add(t);
            }
            if (args.size() != macro.params().size()) {
                throw new PreprocessorError("macro", "invalid number of parameters for macro '@" + macro.name()
                        + "': expected " + macro.params().size() + ", found " + args.size(), call);
            }
        }
        List<Token> body = new ArrayList<>();
        for (Token t : macro.body()) {
            int p = t.getType() == StapLexer.AT_IDENT ? macro.params().indexOf(t.getText().substring(1)) : -1;
            if (p >= 0) {
                body.addAll(args.get(p));
            } else {
                body.add(t);
            }
        }
        expand(body, out, depth + 1);
        return i;
    }

    // ---------------------------------------------------------------- %( %? %: %)

    private int conditional(List<Token> in, int at, List<Token> out, int depth) {
        Token open = in.get(at);
        int i = at + 1;
        List<Token> cond = new ArrayList<>();
        while (true) {
            Token t = conditionalToken(in, i++, open);
            if (t.getType() == StapLexer.PP_THEN) {
                break;
            }
            if (t.getType() == StapLexer.PP_OPEN || t.getType() == StapLexer.PP_CLOSE
                    || t.getType() == StapLexer.PP_ELSE) {
                throw new PreprocessorError("cond", "expected '%?' marker for conditional", t);
            }
            cond.add(t);
        }
        List<Token> expandedCond = new ArrayList<>();
        expand(cond, expandedCond, depth + 1);
        boolean value = new ConditionEvaluator(target, open).evaluate(expandedCond);

        int thenStart = i;
        int thenEnd = -1;
        int elseStart = -1;
        int nesting = 0;
        while (true) {
            Token t = conditionalToken(in, i, open);
            int type = t.getType();
            if (type == StapLexer.PP_OPEN) {
                nesting++;
            } else if (type == StapLexer.PP_CLOSE) {
                if (nesting == 0) {
                    break;
                }
                nesting--;
            } else if (type == StapLexer.PP_ELSE && nesting == 0) {
                if (thenEnd >= 0) {
                    throw new PreprocessorError("cond", "incomplete conditional - unexpected '%:'", t);
                }
                thenEnd = i;
                elseStart = i + 1;
            }
            i++;
        }
        int close = i;
        if (thenEnd < 0) {
            thenEnd = close;
        }
        if (value) {
            expand(in.subList(thenStart, thenEnd), out, depth + 1);
        } else if (elseStart >= 0) {
            expand(in.subList(elseStart, close), out, depth + 1);
        }
        return close + 1;
    }

    private int matchingClose(List<Token> in, int from, Token open) {
        int nesting = 0;
        for (int i = from; i < in.size(); i++) {
            int type = in.get(i).getType();
            if (type == StapLexer.PP_OPEN) {
                nesting++;
            } else if (type == StapLexer.PP_CLOSE) {
                if (nesting == 0) {
                    return i;
                }
                nesting--;
            }
        }
        throw new PreprocessorError("define", "unterminated macro definition", open);
    }

    private static Token conditionalToken(List<Token> in, int i, Token open) {
        if (i >= in.size()) {
            throw new PreprocessorError("cond", "incomplete conditional at end of file", open);
        }
        return in.get(i);
    }

    private static int peekType(List<Token> in, int i) {
        return i < in.size() ? in.get(i).getType() : Token.EOF;
    }

    private static Token get(List<Token> in, int i, Token near) {
        if (i >= in.size()) {
            throw new PreprocessorError("eof", "unexpected end-of-file in preprocessor construct", near);
        }
        return in.get(i);
    }

    /** Thrown inside the preprocessor; becomes one parse error. */
    static final class PreprocessorError extends RuntimeException {
        final String code;
        final transient Token token;

        /** What stap names at the location, when it is not the token itself (lexer junk). */
        final String subject;

        PreprocessorError(String code, String message, Token token) {
            this(code, message, Tokens.describe(token), token);
        }

        /** False for errors stap's parser (not its lexer) reports: they print {@code saw:}. */
        final boolean lexical;

        PreprocessorError(String code, String message, String subject, Token token) {
            this(code, message, subject, token, true);
        }

        PreprocessorError(String code, String message, String subject, Token token, boolean lexical) {
            super(message, null, false, false);
            this.code = code;
            this.token = token;
            this.subject = subject;
            this.lexical = lexical;
        }
    }
}
