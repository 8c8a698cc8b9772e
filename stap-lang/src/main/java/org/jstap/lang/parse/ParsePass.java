package org.jstap.lang.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.jstap.lang.ast.Decl;
import org.jstap.lang.ast.Script;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.diag.SourceFile;

/**
 * Pass 1 for one file: lex, preprocess, parse declaration by declaration, build the AST.
 *
 * <pre>{@code
 * ParsePass.Result r = ParsePass.parse(new SourceFile("<input>", text), target, Map.of());
 * if (!r.diagnostics().hasErrors()) use(r.script());
 * }</pre>
 */
public final class ParsePass {
    private static final Set<Integer> DECLARATION_STARTS = Set.of(StapLexer.PROBE, StapLexer.GLOBAL,
            StapLexer.FUNCTION, StapLexer.PRIVATE, StapLexer.EMBEDDED);

    /** The file's AST, its diagnostics, and the macros it defined (for library files). */
    public record Result(Script script, Diagnostics diagnostics, Map<String, Preprocessor.Macro> macros) {}

    private ParsePass() {}

    public static Result parse(SourceFile file, TargetInfo target, Map<String, Preprocessor.Macro> libraryMacros) {
        Diagnostics diagnostics = new Diagnostics();
        List<Token> tokens = lex(file, diagnostics);
        Preprocessor pp = new Preprocessor(target, file, diagnostics, libraryMacros);
        List<Token> expanded = pp.process(tokens);
        List<Decl> decls = new ArrayList<>();
        if (!diagnostics.hasErrors()) {
            parseDeclarations(file, expanded, diagnostics, decls);
            ParseChecks.check(new Script(file, decls), diagnostics);
            if (!target.guruMode()) {
                rejectEmbedded(file, expanded, diagnostics);
            }
        }
        return new Result(new Script(file, List.copyOf(decls)), diagnostics, pp.macros());
    }

    private static List<Token> lex(SourceFile file, Diagnostics diagnostics) {
        StapLexer lexer = new StapLexer(CharStreams.fromString(file.text(), file.name()));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getType() == StapLexer.UNTERMINATED_STRING) {
                diagnostics.add(Diagnostic.lexicalError("parse.unterminated-string",
                        "Could not find matching closing quote", "junk ''", Tokens.span(file, t)));
                return List.of();
            }
            tokens.add(t);
        }
        return tokens;
    }

    private static void parseDeclarations(SourceFile file, List<Token> tokens, Diagnostics diagnostics,
                                          List<Decl> decls) {
        List<Token> withEof = new ArrayList<>(tokens);
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setStartIndex(file.text().length());
        eof.setStopIndex(file.text().length() - 1);
        withEof.add(eof);
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(withEof));
        StapParser parser = new StapParser(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(new StapErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        AstBuilder builder = new AstBuilder(file, diagnostics);
        while (stream.LA(1) != Token.EOF) {
            if (!DECLARATION_STARTS.contains(stream.LA(1))) {
                Token t = stream.LT(1);
                diagnostics.add(Diagnostic.parseError("parse.declaration",
                        "expected 'probe', 'global', 'private', 'function', or '%{'", Tokens.describe(t), Tokens.span(file, t)));
                skipToDeclaration(stream);
                continue;
            }
            int start = stream.index();
            StapParser.DeclarationContext d;
            try {
                d = parser.declaration();
            } catch (StapErrorStrategy.SyntaxError e) {
                // SLL is fast and exact for this grammar except in rare ambiguities: retry with full LL
                stream.seek(start);
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                try {
                    d = parser.declaration();
                } catch (StapErrorStrategy.SyntaxError e2) {
                    diagnostics.add(syntaxError(file, e2));
                    stream.seek(Math.max(stream.index(), start + 1));
                    skipToDeclaration(stream);
                    continue;
                } finally {
                    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
                }
            }
            decls.addAll(builder.declaration(d));
        }
    }

    private static void skipToDeclaration(CommonTokenStream stream) {
        if (stream.LA(1) == Token.EOF) {
            return;
        }
        do {
            stream.consume();
        } while (stream.LA(1) != Token.EOF && !DECLARATION_STARTS.contains(stream.LA(1)));
    }

    private static Diagnostic syntaxError(SourceFile file, StapErrorStrategy.SyntaxError e) {
        Token t = e.offending;
        if (t.getType() == StapLexer.UNKNOWN || t.getType() == StapLexer.PRETTY
                || t.getType() == StapLexer.AT_IDENT && !ParseMessages.isAtOperator(t.getText())) {
            return Diagnostic.parseError("parse.unknown-operator", "unknown operator " + t.getText(),
                    "operator '" + t.getText() + "'", Tokens.span(file, t));
        }
        return Diagnostic.parseError("parse.expected", ParseMessages.expected(e.expected, t, e.rule), Tokens.describe(t),
                Tokens.span(file, t));
    }

    /** stap refuses embedded C unless -g: one error per block, after parsing. */
    private static void rejectEmbedded(SourceFile file, List<Token> tokens, Diagnostics diagnostics) {
        if (file.library()) {
            return;
        }
        for (Token t : tokens) {
            if (t.getType() == StapLexer.EMBEDDED) {
                diagnostics.add(Diagnostic.parseError("parse.embedded",
                        "embedded code in unprivileged script; need stap -g", Tokens.describe(t), Tokens.span(file, t)));
            }
        }
    }

}
