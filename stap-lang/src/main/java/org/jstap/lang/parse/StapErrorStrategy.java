package org.jstap.lang.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error of a declaration, keeping the offending token and what was
 * expected; {@link ParsePass} reports it and resumes at the next declaration, as stap does.
 */
final class StapErrorStrategy extends DefaultErrorStrategy {

    /** The first error of a declaration. */
    static final class SyntaxError extends RuntimeException {
        final transient Token offending;
        final transient IntervalSet expected;
        /** The parser rule that failed (StapParser.RULE_*). */
        final int rule;

        SyntaxError(Token offending, IntervalSet expected, int rule) {
            super(null, null, false, false);
            this.offending = offending;
            this.expected = expected;
            this.rule = rule;
        }
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw fail(recognizer, e.getOffendingToken(), expected(recognizer, e));
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        InputMismatchException e = new InputMismatchException(recognizer);
        throw fail(recognizer, e.getOffendingToken(), recognizer.getExpectedTokens());
    }

    /** No single-token deletion or insertion: stap reports the first unexpected token as is. */
    @Override
    public void sync(Parser recognizer) {
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        // reported by recover(), which every rule calls right after this
    }

    private static IntervalSet expected(Parser recognizer, RecognitionException e) {
        IntervalSet set = e.getExpectedTokens();
        return set == null ? recognizer.getExpectedTokens() : set;
    }

    private static SyntaxError fail(Parser recognizer, Token offending, IntervalSet expected) {
        return new SyntaxError(offending == null ? recognizer.getCurrentToken() : offending, expected,
                recognizer.getContext() == null ? -1 : recognizer.getContext().getRuleIndex());
    }
}
