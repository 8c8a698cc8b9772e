package org.jstap.sim.userland.sh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.sim.userland.sh.Ast.And;
import org.jstap.sim.userland.sh.Ast.CommandList;
import org.jstap.sim.userland.sh.Ast.Lit;
import org.jstap.sim.userland.sh.Ast.Or;
import org.jstap.sim.userland.sh.Ast.Param;
import org.jstap.sim.userland.sh.Ast.Part;
import org.jstap.sim.userland.sh.Ast.Redir;
import org.jstap.sim.userland.sh.Ast.RedirOp;
import org.jstap.sim.userland.sh.Ast.Simple;
import org.jstap.sim.userland.sh.Ast.Single;
import org.jstap.sim.userland.sh.Ast.Subshell;
import org.jstap.sim.userland.sh.Ast.Subst;
import org.jstap.sim.userland.sh.Ast.Word;
import org.junit.jupiter.api.Test;

/** The shell grammar, without a machine: tokens, trees, quoting and dash's syntax errors. */
class ParserTest {
    private static CommandList parse(String s) {
        try {
            return Parser.parse(s);
        } catch (SyntaxError e) {
            throw new AssertionError(s + ": " + e.getMessage(), e);
        }
    }

    private static Simple only(String s) {
        CommandList l = parse(s);
        assertEquals(1, l.items().size(), s);
        Single single = (Single) l.items().get(0).command();
        return (Simple) single.pipeline().commands().get(0);
    }

    /** A word's text when it has no expansions (what it means literally). */
    private static String literal(Word w) {
        StringBuilder s = new StringBuilder();
        for (Part p : w.parts()) {
            s.append(((Lit) p).text());
        }
        return s.toString();
    }

    @Test
    void pipeline_listAndBackground() {
        CommandList l = parse("a | b | c; d && e || f &\ng");
        assertEquals(3, l.items().size());
        Single first = (Single) l.items().get(0).command();
        assertEquals(3, first.pipeline().commands().size());
        assertTrue(l.items().get(1).background());
        Or or = (Or) l.items().get(1).command();
        assertTrue(or.left() instanceof And);
    }

    @Test
    void redirections_withIoNumbers() {
        Simple s = only("cmd <in >out 2>>log 2>&1 >&2 3<&0");
        assertEquals(List.of(new Redir(0, RedirOp.IN, Word.literal("in")), new Redir(1, RedirOp.OUT, Word.literal("out")),
                new Redir(2, RedirOp.APPEND, Word.literal("log")), new Redir(2, RedirOp.DUP_OUT, Word.literal("1")),
                new Redir(1, RedirOp.DUP_OUT, Word.literal("2")), new Redir(3, RedirOp.DUP_IN, Word.literal("0"))),
                s.redirs());
        assertEquals(1, s.words().size());
    }

    @Test
    void assignments_onlyBeforeTheCommandWord() {
        Simple s = only("A=1 B='x y' cmd C=2");
        assertEquals(2, s.assigns().size());
        assertEquals("A", s.assigns().get(0).name());
        assertEquals("x y", literal(s.assigns().get(1).value()));
        assertEquals(2, s.words().size());
        assertEquals("C=2", literal(s.words().get(1)));
    }

    @Test
    void quotes_escapesAndParameters() {
        Simple s = only("echo 'a $b' \"c $d ${e}f\" g\\ h $? $$ \\$x # comment");
        List<Word> w = s.words();
        assertEquals(7, w.size());
        assertEquals("a $b", literal(w.get(1)));
        assertEquals(List.of(new Lit("c ", true), new Param("d", true), new Lit(" ", true), new Param("e", true),
                new Lit("f", true)), w.get(2).parts());
        assertEquals("g h", literal(w.get(3)));
        assertEquals(new Param("?", false), w.get(4).parts().get(0));
        assertEquals(new Param("$", false), w.get(5).parts().get(0));
        assertEquals("$x", literal(w.get(6)));
    }

    @Test
    void subshellAndSubstitution() {
        CommandList l = parse("(a; b) | c $(d | e)");
        Single s = (Single) l.items().get(0).command();
        assertTrue(s.pipeline().commands().get(0) instanceof Subshell);
        Simple c = (Simple) s.pipeline().commands().get(1);
        assertTrue(c.words().get(1).parts().get(0) instanceof Subst);
    }

    @Test
    void lineNumbers_countNewlines() {
        CommandList l = parse("a\n\nb 'x\ny'\nc");
        assertEquals(5, ((Simple) ((Single) l.items().get(2).command()).pipeline().commands().get(0)).line());
    }

    @Test
    void hereDocuments_takeTheLinesAfterTheCommand() {
        CommandList l = parse("cat <<EOF; echo after\nline $x\nEOF\ncat <<'Q' <<-T\n$lit\nQ\n\tind\n\tT\nlast");
        assertEquals(4, l.items().size());
        Simple first = (Simple) ((Single) l.items().get(0).command()).pipeline().commands().get(0);
        assertEquals(RedirOp.HEREDOC, first.redirs().get(0).op());
        assertEquals(List.of(new Lit("line ", true), new Param("x", true), new Lit("\n", true)),
                first.redirs().get(0).target().parts());
        Simple second = (Simple) ((Single) l.items().get(2).command()).pipeline().commands().get(0);
        assertEquals("$lit\n", literal(second.redirs().get(0).target()));
        assertEquals("ind\n", literal(second.redirs().get(1).target()));
        Simple last = (Simple) ((Single) l.items().get(3).command()).pipeline().commands().get(0);
        assertEquals("last", literal(last.words().get(0)));
        assertEquals(9, last.line());
    }

    @Test
    void syntaxErrors_asDashWordsThem() {
        record Case(String src, String message, boolean incomplete) {}
        for (Case c : List.of(new Case("a |", "Syntax error: end of file unexpected", true),
                new Case("| a", "Syntax error: \"|\" unexpected", false),
                new Case("echo 'abc", "Syntax error: Unterminated quoted string", true),
                new Case("a && && b", "Syntax error: \"&&\" unexpected", false),
                new Case("echo >", "Syntax error: end of file unexpected", true),
                new Case("a )", "Syntax error: \")\" unexpected", false),
                new Case("a ;; b", "Syntax error: \";\" unexpected", false),
                new Case("if true; then echo", "Syntax error: end of file unexpected (expecting \"fi\")", true),
                new Case("while true; do", "Syntax error: end of file unexpected (expecting \"done\")", true),
                new Case("fi", "Syntax error: \"fi\" unexpected", false),
                new Case("for 1 in a; do b; done", "Syntax error: Bad for loop variable", false),
                new Case("cat <<E\nx\n", "Syntax error: end of file unexpected (expecting \"E\")", true))) {
            SyntaxError e = assertThrows(SyntaxError.class, () -> Parser.parse(c.src()), c.src());
            assertEquals(c.message(), e.getMessage(), c.src());
            assertEquals(c.incomplete(), e.incomplete(), c.src());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(" \t\n'\"\\$`|&;<>()#*?=~abcXYZ019_-./").ofMaxLength(20);
    }

    @Property
    void quotingAWord_andReparsing_givesTheWordBack(@ForAll("texts") String text) {
        Simple s = only("echo " + Quoting.quote(text));
        assertEquals(2, s.words().size(), text);
        assertEquals(text, literal(s.words().get(1)));
    }

    @Property
    void quotedWords_splitNowhereElse(@ForAll("texts") String a, @ForAll("texts") String b) {
        Simple s = only("cmd " + Quoting.quote(a) + " " + Quoting.quote(b) + " >" + Quoting.quote(a + "x"));
        assertEquals(List.of(a, b), s.words().subList(1, 3).stream().map(ParserTest::literal).toList());
        assertEquals(a + "x", literal(s.redirs().get(0).target()));
    }
}
