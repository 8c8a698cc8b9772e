package org.jstap.sim.userland.sh;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jstap.sim.userland.sh.Ast.And;
import org.jstap.sim.userland.sh.Ast.AndOr;
import org.jstap.sim.userland.sh.Ast.Assign;
import org.jstap.sim.userland.sh.Ast.Command;
import org.jstap.sim.userland.sh.Ast.CommandList;
import org.jstap.sim.userland.sh.Ast.For;
import org.jstap.sim.userland.sh.Ast.Group;
import org.jstap.sim.userland.sh.Ast.If;
import org.jstap.sim.userland.sh.Ast.Loop;
import org.jstap.sim.userland.sh.Ast.Item;
import org.jstap.sim.userland.sh.Ast.Lit;
import org.jstap.sim.userland.sh.Ast.Or;
import org.jstap.sim.userland.sh.Ast.Part;
import org.jstap.sim.userland.sh.Ast.Pipeline;
import org.jstap.sim.userland.sh.Ast.Redir;
import org.jstap.sim.userland.sh.Ast.RedirOp;
import org.jstap.sim.userland.sh.Ast.Simple;
import org.jstap.sim.userland.sh.Ast.Single;
import org.jstap.sim.userland.sh.Ast.Subshell;
import org.jstap.sim.userland.sh.Ast.Word;
import org.jstap.sim.userland.sh.Lexer.Kind;
import org.jstap.sim.userland.sh.Lexer.Token;

/**
 * A recursive-descent parser for the shell grammar this machine's sh speaks (POSIX 2.10, without
 * case and functions):
 *
 * <pre>
 * program  := linebreak [list] EOF
 * list     := and_or ((';' | '&amp;' | NEWLINE) linebreak and_or)* [';' | '&amp;']
 * and_or   := pipeline (('&amp;&amp;' | '||') linebreak pipeline)*
 * pipeline := ['!'] command ('|' linebreak command)*
 * command  := simple | compound redirect*
 * compound := '(' list ')' | '{' list '}' | if list then list (elif list then list)* [else list] fi
 *           | (while | until) list do list done | for NAME [in word* (';' | NEWLINE)] do list done
 * simple   := (NAME=word | redirect)* (word | redirect)*
 * redirect := [IO_NUMBER] ('&lt;' | '&gt;' | '&gt;&gt;' | '&lt;&amp;' | '&gt;&amp;' | '&lt;&lt;' | '&lt;&lt;-') word
 * </pre>
 *
 * Use: {@code Parser.parse("a | b && c > f &")}.
 */
public final class Parser {
    private final Lexer lexer;
    private Token peeked;

    Parser(Lexer lexer) {
        this.lexer = lexer;
    }

    /** A parser over {@code source} that hands out one complete command at a time ({@link #next}). */
    public Parser(String source) {
        this(new Lexer(source));
    }

    /**
     * The next complete command: the and-or lists up to the end of a line, or null at the end of
     * the input. A shell runs each before it parses the next, so an earlier command runs even
     * when a later one has a syntax error, as in dash.
     */
    /** Nothing but blanks and comments follows what {@link #next} returned last. */
    public boolean at_end() {
        return peeked != null ? peeked.kind() == Kind.EOF : lexer.at_end();
    }

    public CommandList next() throws SyntaxError {
        linebreak();
        if (peek().kind() == Kind.EOF) {
            return null;
        }
        List<Item> items = new ArrayList<>();
        while (true) {
            AndOr ao = andOr();
            Token sep = peek();
            boolean bg = false;
            if (sep.kind() == Kind.AMP || sep.kind() == Kind.SEMI) {
                take();
                bg = sep.kind() == Kind.AMP;
            } else if (sep.kind() != Kind.NEWLINE && sep.kind() != Kind.EOF) {
                throw unexpected(sep);
            }
            items.add(new Item(ao, bg));
            Kind k = peek().kind();
            if (k == Kind.NEWLINE || k == Kind.EOF) {
                return new CommandList(List.copyOf(items));
            }
        }
    }

    /** Parses a whole program. */
    public static CommandList parse(String source) throws SyntaxError {
        Parser p = new Parser(new Lexer(source));
        CommandList list = p.list(false);
        Token t = p.peek();
        if (t.kind() != Kind.EOF) {
            throw p.unexpected(t);
        }
        return list;
    }

    /** The body of {@code $(...)}, after the opening parenthesis, through the closing one. */
    CommandList substitution() throws SyntaxError {
        CommandList body = list(true);
        Token t = take();
        if (t.kind() != Kind.RPAREN) {
            throw unexpected(t);
        }
        return body;
    }

    private Token peek() throws SyntaxError {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    private Token take() throws SyntaxError {
        Token t = peek();
        peeked = null;
        return t;
    }

    private SyntaxError unexpected(Token t) {
        if (t.kind() == Kind.EOF) {
            return new SyntaxError("Syntax error: end of file unexpected", t.line(), true);
        }
        String what = t.kind() == Kind.NEWLINE ? "newline" : "\"" + t.text() + "\"";
        return new SyntaxError("Syntax error: " + what + " unexpected", t.line(), false);
    }

    private void linebreak() throws SyntaxError {
        while (peek().kind() == Kind.NEWLINE) {
            take();
        }
    }

    /** A list, up to EOF or (inside parentheses) a closing parenthesis. */
    private CommandList list(boolean nested) throws SyntaxError {
        return list(nested, Set.of());
    }

    /** Whether {@code t} is one of the reserved words {@code words} (which only count at a command's start). */
    private static boolean reserved(Token t, Set<String> words) {
        return t.kind() == Kind.WORD && t.word().plain() != null && words.contains(t.word().plain());
    }

    /**
     * A list up to EOF, a closing parenthesis ({@code nested}) or one of the reserved words
     * {@code until} at a command's start (the compound commands' compound_list).
     */
    private CommandList list(boolean nested, Set<String> until) throws SyntaxError {
        List<Item> items = new ArrayList<>();
        linebreak();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.EOF || (nested && t.kind() == Kind.RPAREN) || reserved(t, until)) {
                break;
            }
            AndOr ao = andOr();
            Token sep = peek();
            boolean bg = false;
            if (sep.kind() == Kind.AMP) {
                bg = true;
                take();
            } else if (sep.kind() == Kind.SEMI || sep.kind() == Kind.NEWLINE) {
                take();
            } else if (!(sep.kind() == Kind.EOF || (nested && sep.kind() == Kind.RPAREN) || reserved(sep, until))) {
                throw unexpected(sep);
            }
            items.add(new Item(ao, bg));
            linebreak();
        }
        return new CommandList(List.copyOf(items));
    }

    /** The reserved word {@code word} next, or dash's error (at the end of the input: more is needed). */
    private void expect(String word) throws SyntaxError {
        Token t = take();
        if (!reserved(t, Set.of(word))) {
            if (t.kind() == Kind.EOF) {
                throw new SyntaxError("Syntax error: end of file unexpected (expecting \"" + word + "\")", t.line(),
                        true);
            }
            throw unexpected(t);
        }
    }

    /** A compound_list that must not be empty, ended by one of {@code until} ({@code closing} names it in errors). */
    private CommandList body(Set<String> until, String closing) throws SyntaxError {
        CommandList l = list(false, until);
        if (l.items().isEmpty()) {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                throw new SyntaxError("Syntax error: end of file unexpected (expecting \"" + closing + "\")", t.line(),
                        true);
            }
            throw unexpected(t);
        }
        return l;
    }

    private List<Redir> redirects() throws SyntaxError {
        List<Redir> redirs = new ArrayList<>();
        while (isRedirect(peek())) {
            redirs.add(redirect());
        }
        return List.copyOf(redirs);
    }

    /** if, while, until, for and { }: the compound commands, or null when {@code t} starts none. */
    private Command compound(Token t) throws SyntaxError {
        String w = t.kind() == Kind.WORD ? t.word().plain() : null;
        if (w == null) {
            return null;
        }
        switch (w) {
            case "{" -> {
                take();
                CommandList b = body(Set.of("}"), "}");
                expect("}");
                return new Group(t.line(), b, redirects());
            }
            case "if" -> {
                take();
                List<CommandList> conds = new ArrayList<>();
                List<CommandList> bodies = new ArrayList<>();
                CommandList otherwise = null;
                conds.add(body(Set.of("then"), "then"));
                expect("then");
                bodies.add(body(Set.of("elif", "else", "fi"), "fi"));
                while (true) {
                    Token k = peek();
                    if (reserved(k, Set.of("elif"))) {
                        take();
                        conds.add(body(Set.of("then"), "then"));
                        expect("then");
                        bodies.add(body(Set.of("elif", "else", "fi"), "fi"));
                    } else if (reserved(k, Set.of("else"))) {
                        take();
                        otherwise = body(Set.of("fi"), "fi");
                        expect("fi");
                        break;
                    } else {
                        expect("fi");
                        break;
                    }
                }
                return new If(t.line(), List.copyOf(conds), List.copyOf(bodies), otherwise, redirects());
            }
            case "while", "until" -> {
                take();
                CommandList cond = body(Set.of("do"), "do");
                expect("do");
                CommandList b = body(Set.of("done"), "done");
                expect("done");
                return new Loop(t.line(), w.equals("until"), cond, b, redirects());
            }
            case "for" -> {
                take();
                Token name = take();
                if (name.kind() != Kind.WORD || name.word().plain() == null
                        || !name.word().plain().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new SyntaxError("Syntax error: Bad for loop variable", name.line(), false);
                }
                List<Word> words = null;
                linebreak();
                if (reserved(peek(), Set.of("in"))) {
                    take();
                    words = new ArrayList<>();
                    while (peek().kind() == Kind.WORD) {
                        words.add(take().word());
                    }
                    Token sep = peek();
                    if (sep.kind() == Kind.SEMI || sep.kind() == Kind.NEWLINE) {
                        take();
                    } else {
                        throw unexpected(sep);
                    }
                    words = List.copyOf(words);
                } else if (peek().kind() == Kind.SEMI) {
                    take();
                }
                linebreak();
                expect("do");
                CommandList b = body(Set.of("done"), "done");
                expect("done");
                return new For(t.line(), name.word().plain(), words, b, redirects());
            }
            case "then", "elif", "else", "fi", "do", "done", "}", "in" -> throw unexpected(t);
            default -> {
                return null;
            }
        }
    }

    private AndOr andOr() throws SyntaxError {
        AndOr left = new Single(pipeline());
        while (true) {
            Kind k = peek().kind();
            if (k != Kind.AND_IF && k != Kind.OR_IF) {
                return left;
            }
            take();
            linebreak();
            Pipeline right = pipeline();
            left = k == Kind.AND_IF ? new And(left, right) : new Or(left, right);
        }
    }

    private Pipeline pipeline() throws SyntaxError {
        boolean bang = false;
        Token t = peek();
        if (t.kind() == Kind.WORD && "!".equals(t.word().plain())) {
            take();
            bang = true;
        }
        List<Command> commands = new ArrayList<>();
        commands.add(command());
        while (peek().kind() == Kind.PIPE) {
            take();
            linebreak();
            commands.add(command());
        }
        return new Pipeline(bang, List.copyOf(commands));
    }

    private Command command() throws SyntaxError {
        Token t = peek();
        Command c = compound(t);
        if (c != null) {
            return c;
        }
        if (t.kind() == Kind.LPAREN) {
            take();
            CommandList body = list(true);
            Token close = take();
            if (close.kind() != Kind.RPAREN) {
                throw unexpected(close);
            }
            if (body.items().isEmpty()) {
                throw unexpected(close);
            }
            List<Redir> redirs = new ArrayList<>();
            while (isRedirect(peek())) {
                redirs.add(redirect());
            }
            return new Subshell(t.line(), body, List.copyOf(redirs));
        }
        List<Assign> assigns = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redir> redirs = new ArrayList<>();
        int line = t.line();
        while (true) {
            Token n = peek();
            if (isRedirect(n)) {
                redirs.add(redirect());
            } else if (n.kind() == Kind.WORD) {
                take();
                Assign a = words.isEmpty() ? assignment(n.word()) : null;
                if (a != null) {
                    assigns.add(a);
                } else {
                    words.add(n.word());
                }
            } else {
                break;
            }
        }
        if (assigns.isEmpty() && words.isEmpty() && redirs.isEmpty()) {
            throw unexpected(peek());
        }
        return new Simple(line, List.copyOf(assigns), List.copyOf(words), List.copyOf(redirs));
    }

    private static boolean isRedirect(Token t) {
        return switch (t.kind()) {
            case IO_NUMBER, LESS, GREAT, DGREAT, LESSAND, GREATAND, DLESS, DLESSDASH -> true;
            default -> false;
        };
    }

    private Redir redirect() throws SyntaxError {
        Token t = take();
        int fd = -1;
        if (t.kind() == Kind.IO_NUMBER) {
            fd = t.fd();
            t = take();
        }
        RedirOp op = switch (t.kind()) {
            case LESS -> RedirOp.IN;
            case GREAT -> RedirOp.OUT;
            case DGREAT -> RedirOp.APPEND;
            case LESSAND -> RedirOp.DUP_IN;
            case GREATAND -> RedirOp.DUP_OUT;
            case DLESS, DLESSDASH -> RedirOp.HEREDOC;
            default -> throw unexpected(t);
        };
        if (fd < 0) {
            fd = op == RedirOp.IN || op == RedirOp.DUP_IN || op == RedirOp.HEREDOC ? 0 : 1;
        }
        Token target = take();
        if (target.kind() != Kind.WORD) {
            throw unexpected(target);
        }
        if (op == RedirOp.HEREDOC) {
            StringBuilder delimiter = new StringBuilder();
            boolean quoted = false;
            for (Part part : target.word().parts()) {
                if (part instanceof Lit l) {
                    delimiter.append(l.text());
                    quoted |= l.quoted();
                } else {
                    // $ in a delimiter is taken literally
                    delimiter.append(target.text());
                    quoted = true;
                    break;
                }
            }
            return new Redir(fd, op, lexer.hereDocument(delimiter.toString(), quoted, t.kind() == Kind.DLESSDASH));
        }
        return new Redir(fd, op, target.word());
    }

    /** NAME=value when the word starts with an unquoted valid name and '='. */
    private static Assign assignment(Word w) {
        if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Lit first) || first.quoted()) {
            return null;
        }
        String text = first.text();
        int eq = text.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        for (int i = 0; i < eq; i++) {
            if (!Lexer.nameChar(text.charAt(i), i == 0)) {
                return null;
            }
        }
        List<Part> value = new ArrayList<>();
        if (eq + 1 < text.length()) {
            value.add(new Lit(text.substring(eq + 1), false));
        }
        value.addAll(w.parts().subList(1, w.parts().size()));
        if (value.isEmpty()) {
            value.add(new Lit("", true));
        }
        return new Assign(text.substring(0, eq), new Word(List.copyOf(value)));
    }
}
