package org.jstap.sim.userland.sh;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.sh.Ast.Lit;
import org.jstap.sim.userland.sh.Ast.Param;
import org.jstap.sim.userland.sh.Ast.Part;
import org.jstap.sim.userland.sh.Ast.Subst;
import org.jstap.sim.userland.sh.Ast.Word;

/**
 * The shell's token recognition (POSIX 2.3): operators, words with their quoting kept as parts,
 * IO numbers ({@code 2>}), comments and backslash-newline continuations. Tokens are made one at a
 * time on demand, so that a command substitution's parser can take over the same input.
 */
final class Lexer {
    enum Kind {
        WORD, IO_NUMBER, NEWLINE, SEMI, AMP, PIPE, AND_IF, OR_IF, LPAREN, RPAREN,
        LESS, GREAT, DGREAT, LESSAND, GREATAND, DLESS, DLESSDASH, EOF
    }

    record Token(Kind kind, Word word, int fd, int line, String text) {}

    private final String src;
    private int pos;
    private int line = 1;
    /** Where the next here-document's body starts (after the current line, or after the previous body), or -1. */
    private int hereStart = -1;
    /** The newline after which here-document bodies sit, and where reading resumes after them. */
    private int hereNewline = -1;
    private int hereResume = -1;

    Lexer(String src) {
        this.src = src;
    }

    int line() {
        return line;
    }

    Token next() throws SyntaxError {
        skipBlanks();
        int tokLine = line;
        if (pos >= src.length()) {
            return new Token(Kind.EOF, null, -1, tokLine, "end of file");
        }
        char c = src.charAt(pos);
        switch (c) {
            case '\n':
                if (pos == hereNewline) {
                    // the bodies of this line's here-documents were read already
                    countLines(src.substring(pos + 1, hereResume));
                    pos = hereResume;
                    hereNewline = hereResume = hereStart = -1;
                } else {
                    pos++;
                }
                line++;
                return new Token(Kind.NEWLINE, null, -1, tokLine, "newline");
            case ';':
                pos++;
                return new Token(Kind.SEMI, null, -1, tokLine, ";");
            case '&':
                return op(src.startsWith("&&", pos) ? Kind.AND_IF : Kind.AMP, tokLine);
            case '|':
                return op(src.startsWith("||", pos) ? Kind.OR_IF : Kind.PIPE, tokLine);
            case '(':
                return op(Kind.LPAREN, tokLine);
            case ')':
                return op(Kind.RPAREN, tokLine);
            case '<':
                return op(src.startsWith("<<-", pos) ? Kind.DLESSDASH : src.startsWith("<<", pos) ? Kind.DLESS
                        : src.startsWith("<&", pos) ? Kind.LESSAND : Kind.LESS, tokLine);
            case '>':
                return op(src.startsWith(">>", pos) ? Kind.DGREAT : src.startsWith(">&", pos) ? Kind.GREATAND
                        : Kind.GREAT, tokLine);
            default:
                break;
        }
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos > start && pos < src.length() && (src.charAt(pos) == '<' || src.charAt(pos) == '>')) {
            return new Token(Kind.IO_NUMBER, null, Integer.parseInt(src.substring(start, pos)), tokLine,
                    src.substring(start, pos));
        }
        pos = start;
        Word w = word();
        return new Token(Kind.WORD, w, -1, tokLine, src.substring(start, pos));
    }

    private Token op(Kind kind, int tokLine) {
        String text = switch (kind) {
            case AND_IF -> "&&";
            case DLESS -> "<<";
            case DLESSDASH -> "<<-";
            case OR_IF -> "||";
            case DGREAT -> ">>";
            case LESSAND -> "<&";
            case GREATAND -> ">&";
            default -> String.valueOf(src.charAt(pos));
        };
        pos += text.length();
        return new Token(kind, null, -1, tokLine, text);
    }

    /** Only blanks, newlines and comments are left (dash's parser_eof, used to exec the last command). */
    boolean at_end() {
        int i = pos;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                i++;
            } else if (c == '#') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return false;
            }
        }
        return hereResume <= pos;
    }

    /** Blanks, comments and line continuations between tokens. */
    private void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private static boolean delimiter(char c) {
        return " \t\n;&|<>()".indexOf(c) >= 0;
    }

    private Word word() throws SyntaxError {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean litQuoted = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (delimiter(c)) {
                break;
            }
            if (c == '\'') {
                flush(parts, lit, litQuoted);
                int end = src.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new SyntaxError("Syntax error: Unterminated quoted string", line, true);
                }
                String text = src.substring(pos + 1, end);
                countLines(text);
                parts.add(new Lit(text, true));
                pos = end + 1;
            } else if (c == '"') {
                flush(parts, lit, litQuoted);
                pos++;
                doubleQuoted(parts);
            } else if (c == '\\') {
                if (pos + 1 >= src.length()) {
                    lit.append('\\');
                    pos++;
                } else if (src.charAt(pos + 1) == '\n') {
                    pos += 2;
                    line++;
                } else {
                    flush(parts, lit, litQuoted);
                    parts.add(new Lit(String.valueOf(src.charAt(pos + 1)), true));
                    pos += 2;
                }
            } else if (c == '`') {
                flush(parts, lit, litQuoted);
                parts.add(backquoted(false));
            } else if (c == '$' && dollar(parts, lit, litQuoted, false)) {
                // the expansion was added
            } else {
                lit.append(c);
                pos++;
            }
        }
        flush(parts, lit, litQuoted);
        if (parts.isEmpty()) {
            parts.add(new Lit("", true));
        }
        return new Word(List.copyOf(parts));
    }

    private void countLines(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private static void flush(List<Part> parts, StringBuilder lit, boolean quoted) {
        if (!lit.isEmpty()) {
            parts.add(new Lit(lit.toString(), quoted));
            lit.setLength(0);
        }
    }

    /** The inside of "...", after the opening quote: $ expands, \ escapes only $ ` " \ and newline. */
    private void doubleQuoted(List<Part> parts) throws SyntaxError {
        quotedText(parts, false);
    }

    /** "..." (up to the closing quote) or a here-document's body (up to the end, '"' being literal). */
    private void quotedText(List<Part> parts, boolean heredoc) throws SyntaxError {
        StringBuilder lit = new StringBuilder();
        boolean any = false;
        while (true) {
            if (pos >= src.length()) {
                if (heredoc) {
                    break;
                }
                throw new SyntaxError("Syntax error: Unterminated quoted string", line, true);
            }
            char c = src.charAt(pos);
            if (c == '"' && !heredoc) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length() && (heredoc ? "$`\\\n" : "$`\"\\\n").indexOf(src.charAt(pos + 1)) >= 0) {
                char e = src.charAt(pos + 1);
                if (e == '\n') {
                    line++;
                } else {
                    lit.append(e);
                }
                pos += 2;
            } else if (c == '`') {
                if (!lit.isEmpty()) {
                    parts.add(new Lit(lit.toString(), true));
                    lit.setLength(0);
                }
                parts.add(backquoted(true));
                any = true;
            } else if (c == '$' && dollar(parts, lit, true, true)) {
                any = true;
            } else {
                if (c == '\n') {
                    line++;
                }
                lit.append(c);
                pos++;
            }
        }
        if (!lit.isEmpty() || !any) {
            parts.add(new Lit(lit.toString(), true));
        }
    }

    /**
     * A {@code $} expansion at pos: adds it (after the pending literal) and returns true, or
     * returns false when the {@code $} is literal (not followed by a name, a special or a brace).
     */
    private boolean dollar(List<Part> parts, StringBuilder lit, boolean litQuoted, boolean quoted) throws SyntaxError {
        if (pos + 1 >= src.length()) {
            return false;
        }
        char n = src.charAt(pos + 1);
        if (src.startsWith("$((", pos)) {
            int depth = 0;
            for (int i = pos + 3; i < src.length(); i++) {
                char c = src.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && depth > 0) {
                    depth--;
                } else if (c == ')' && i + 1 < src.length() && src.charAt(i + 1) == ')') {
                    flush(parts, lit, litQuoted);
                    String text = src.substring(pos + 3, i);
                    List<Part> inner = new ArrayList<>();
                    new Lexer(text).quotedText(inner, true);
                    parts.add(new Ast.Arith(new Word(List.copyOf(inner)), quoted));
                    countLines(text);
                    pos = i + 2;
                    return true;
                } else if (c == ')') {
                    break;
                }
            }
        }
        if (n == '(') {
            flush(parts, lit, litQuoted);
            pos += 2;
            Ast.CommandList body = new Parser(this).substitution();
            parts.add(new Subst(body, quoted));
            return true;
        }
        if (n == '{') {
            int end = src.indexOf('}', pos + 2);
            if (end < 0) {
                throw new SyntaxError("Syntax error: Missing '}'", line, true);
            }
            String inner = src.substring(pos + 2, end);
            if (inner.length() > 1 && inner.charAt(0) == '#') {
                // ${#NAME}: the length of the value
                flush(parts, lit, litQuoted);
                parts.add(new Param(inner.substring(1), quoted, "#", null));
                pos = end + 1;
                return true;
            }
            int nameEnd = 0;
            if (!inner.isEmpty() && "?$!#@*-0123456789".indexOf(inner.charAt(0)) >= 0) {
                nameEnd = 1;
                while (Character.isDigit(inner.charAt(0)) && nameEnd < inner.length()
                        && Character.isDigit(inner.charAt(nameEnd))) {
                    nameEnd++;
                }
            } else {
                while (nameEnd < inner.length() && nameChar(inner.charAt(nameEnd), nameEnd == 0)) {
                    nameEnd++;
                }
            }
            String name = inner.substring(0, nameEnd);
            String rest = inner.substring(nameEnd);
            String op = null;
            Word alt = null;
            if (!rest.isEmpty()) {
                for (String o : new String[] {":-", ":=", ":+", "-", "=", "+"}) {
                    if (rest.startsWith(o)) {
                        op = o;
                        break;
                    }
                }
                if (op == null || name.isEmpty()) {
                    throw new SyntaxError("${" + inner + "}: Bad substitution", line, false);
                }
                Lexer sub = new Lexer(rest.substring(op.length()));
                alt = sub.word();
            } else if (name.isEmpty()) {
                throw new SyntaxError("${" + inner + "}: Bad substitution", line, false);
            }
            flush(parts, lit, litQuoted);
            parts.add(new Param(name, quoted, op, alt));
            pos = end + 1;
            return true;
        }
        if ("?$!#@*-0123456789".indexOf(n) >= 0) {
            flush(parts, lit, litQuoted);
            parts.add(new Param(String.valueOf(n), quoted));
            pos += 2;
            return true;
        }
        if (nameChar(n, true)) {
            int end = pos + 1;
            while (end < src.length() && nameChar(src.charAt(end), false)) {
                end++;
            }
            flush(parts, lit, litQuoted);
            parts.add(new Param(src.substring(pos + 1, end), quoted));
            pos = end;
            return true;
        }
        return false;
    }

    /**
     * A here-document's body for {@code delimiter}: the lines after the current one (or after the
     * previous body on it) up to a line that is the delimiter; {@code stripTabs} for {@code <<-}.
     * With a quoted delimiter the body is literal, otherwise $ expansions apply as inside "...".
     */
    Word hereDocument(String delimiter, boolean quoted, boolean stripTabs) throws SyntaxError {
        if (hereStart < 0) {
            int nl = src.indexOf('\n', pos);
            if (nl < 0) {
                throw new SyntaxError("Syntax error: end of file unexpected (expecting \"" + delimiter + "\")", line,
                        true);
            }
            hereNewline = nl;
            hereStart = nl + 1;
        }
        StringBuilder body = new StringBuilder();
        int at = hereStart;
        boolean found = false;
        while (at < src.length()) {
            int end = src.indexOf('\n', at);
            String l = src.substring(at, end < 0 ? src.length() : end);
            at = end < 0 ? src.length() : end + 1;
            if (stripTabs) {
                l = l.replaceFirst("^\t+", "");
            }
            if (l.equals(delimiter)) {
                found = true;
                break;
            }
            body.append(l).append('\n');
        }
        if (!found) {
            throw new SyntaxError("Syntax error: end of file unexpected (expecting \"" + delimiter + "\")", line, true);
        }
        hereStart = at;
        hereResume = at;
        if (quoted) {
            return new Word(List.of(new Lit(body.toString(), true)));
        }
        Lexer sub = new Lexer(body.toString());
        List<Part> parts = new ArrayList<>();
        sub.quotedText(parts, true);
        return new Word(List.copyOf(parts));
    }

    /** `list`: the old form of command substitution; inside it, \` \$ and \\ stand for themselves. */
    private Subst backquoted(boolean quoted) throws SyntaxError {
        StringBuilder inner = new StringBuilder();
        int i = pos + 1;
        for (;; i++) {
            if (i >= src.length()) {
                throw new SyntaxError("Syntax error: EOF in backquote substitution", line, true);
            }
            char c = src.charAt(i);
            if (c == '`') {
                break;
            }
            if (c == '\\' && i + 1 < src.length() && "`$\\".indexOf(src.charAt(i + 1)) >= 0) {
                c = src.charAt(++i);
            }
            inner.append(c);
        }
        countLines(inner.toString());
        pos = i + 1;
        return new Subst(Parser.parse(inner.toString()), quoted);
    }

    static boolean nameChar(char c, boolean first) {
        return c == '_' || (c < 128 && Character.isLetter(c)) || (!first && c < 128 && Character.isDigit(c));
    }
}
