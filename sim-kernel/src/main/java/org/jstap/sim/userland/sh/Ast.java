package org.jstap.sim.userland.sh;

import java.util.List;

/**
 * The shell's syntax tree, after the POSIX grammar: a list of and-or lists (each maybe run in the
 * background), made of pipelines of commands, whose words keep their quoting so that expansion
 * knows what to split. Each syntactic category is a sealed interface; the interpreter switches
 * over them exhaustively.
 */
public final class Ast {
    private Ast() {}

    /** A part of a word: literal text or a parameter, quoted or not (only unquoted parameters are split). */
    public sealed interface Part {}

    public record Lit(String text, boolean quoted) implements Part {}

    /**
     * A parameter expansion: {@code $NAME}, {@code ${NAME}}, a special one ({@code $? $$ $! $# $0-$9
     * $@ $*}), or {@code ${NAME-word}} / {@code ${NAME:-word}} with its default.
     */
    public record Param(String name, boolean quoted, String op, Word alternative) implements Part {
        public Param(String name, boolean quoted) {
            this(name, quoted, null, null);
        }
    }

    /** An arithmetic expansion, {@code $((expr))}: the text is expanded for parameters, then evaluated. */
    public record Arith(Word expr, boolean quoted) implements Part {}

    /** A command substitution, {@code $(list)}. */
    public record Subst(CommandList body, boolean quoted) implements Part {}

    /** A word as written, before expansion. */
    public record Word(List<Part> parts) {
        public static Word literal(String text) {
            return new Word(List.of(new Lit(text, false)));
        }

        /** The text when the word is one unquoted literal (a reserved word or NAME=), else null. */
        public String plain() {
            return parts.size() == 1 && parts.get(0) instanceof Lit l && !l.quoted() ? l.text() : null;
        }
    }

    public enum RedirOp {
        /** {@code <} */
        IN,
        /** {@code >} */
        OUT,
        /** {@code >>} */
        APPEND,
        /** {@code <&} */
        DUP_IN,
        /** {@code >&} */
        DUP_OUT,
        /** {@code <<} and {@code <<-}: the target is the document's body */
        HEREDOC
    }

    /** {@code [n]op word}: fd is the descriptor redirected (0 for input, 1 for output by default). */
    public record Redir(int fd, RedirOp op, Word target) {}

    /** {@code NAME=value} before a command's words. */
    public record Assign(String name, Word value) {}

    public sealed interface Command {}

    /** A simple command: assignments, words and redirections, on source line {@code line}. */
    public record Simple(int line, List<Assign> assigns, List<Word> words, List<Redir> redirs) implements Command {}

    /** {@code ( list ) redirections}: the list runs in a child process. */
    public record Subshell(int line, CommandList body, List<Redir> redirs) implements Command {}

    /** {@code { list; } redirections}: the list in the shell itself. */
    public record Group(int line, CommandList body, List<Redir> redirs) implements Command {}

    /** {@code if c1; then b1; elif c2; then b2; else b3; fi}: {@code otherwise} may be null. */
    public record If(int line, List<CommandList> conds, List<CommandList> bodies, CommandList otherwise,
            List<Redir> redirs) implements Command {}

    /** {@code while cond; do body; done}, or {@code until} when {@code until}. */
    public record Loop(int line, boolean until, CommandList cond, CommandList body, List<Redir> redirs)
            implements Command {}

    /** {@code for name in words; do body; done}; null {@code words} means "$@". */
    public record For(int line, String name, List<Word> words, CommandList body, List<Redir> redirs)
            implements Command {}

    /** {@code [!] cmd | cmd | ...}. */
    public record Pipeline(boolean bang, List<Command> commands) {}

    /** An and-or list: pipelines joined by {@code &&} and {@code ||}, left to right. */
    public sealed interface AndOr {}

    public record Single(Pipeline pipeline) implements AndOr {}

    public record And(AndOr left, Pipeline right) implements AndOr {}

    public record Or(AndOr left, Pipeline right) implements AndOr {}

    /** One item of a list: run in the background when it ended with {@code &}. */
    public record Item(AndOr command, boolean background) {}

    public record CommandList(List<Item> items) {}
}
