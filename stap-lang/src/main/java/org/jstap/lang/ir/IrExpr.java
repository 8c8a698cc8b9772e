package org.jstap.lang.ir;

import java.util.List;
import org.jstap.lang.ast.Span;
import org.jstap.runtime.format.FormatSpec;

/** Typed IR expressions: every operand's JVM type is known, every name is resolved. */
public sealed interface IrExpr {
    IrType type();

    record LongConst(long value) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** A string constant with escapes already interpreted. */
    record StringConst(String value) implements IrExpr {
        public IrType type() {
            return IrType.STRING;
        }
    }

    record LoadLocal(Local local) implements IrExpr {
        public IrType type() {
            return local.type();
        }
    }

    record LoadGlobal(Global global) implements IrExpr {
        public IrType type() {
            return global.type();
        }
    }

    /** Stores and yields the stored value. */
    record StoreLocal(Local local, IrExpr value) implements IrExpr {
        public IrType type() {
            return local.type();
        }
    }

    record StoreGlobal(Global global, IrExpr value) implements IrExpr {
        public IrType type() {
            return global.type();
        }
    }

    /** Long arithmetic and bit operations; {@code at} locates division errors. */
    record Arith(ArithOp op, IrExpr left, IrExpr right, Span at) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    record Negate(IrExpr operand) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    record BitNot(IrExpr operand) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** 1 if the operand is 0, else 0. */
    record Not(IrExpr operand) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** Comparison of two longs or two strings, giving 1 or 0. */
    record Compare(CompareOp op, IrExpr left, IrExpr right) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** Short-circuit && and ||, giving 1 or 0. */
    record Logical(boolean and, IrExpr left, IrExpr right) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    record Concat(IrExpr left, IrExpr right) implements IrExpr {
        public IrType type() {
            return IrType.STRING;
        }
    }

    record Conditional(IrExpr cond, IrExpr then, IrExpr otherwise, IrType type) implements IrExpr {}

    record CallFunction(String function, List<IrType> params, IrType type, List<IrExpr> args) implements IrExpr {}

    /**
     * A call of a runtime Java method: owner/name/descriptor, Context first if it takes one, and
     * {@code near} (stap's location text of the call) last when not null.
     */
    record CallRuntime(String owner, String name, String descriptor, boolean takesContext, List<IrExpr> args,
                       IrType type, String near) implements IrExpr {}

    /** print/printf family: the pieces to append, then print them or yield them as a string. */
    record Print(List<Piece> pieces, boolean asString) implements IrExpr {
        public IrType type() {
            return asString ? IrType.STRING : IrType.VOID;
        }
    }

    /** {@code a[k1, k2]}: 0 or "" when missing. */
    record MapGet(Global map, List<IrExpr> keys) implements IrExpr {
        public IrType type() {
            return map.type();
        }
    }

    /** {@code a[k] = v}, yielding v. */
    record MapSet(Global map, List<IrExpr> keys, IrExpr value, Span at) implements IrExpr {
        public IrType type() {
            return map.type();
        }
    }

    /** {@code a[k] += d}, {@code a[k]++} (yields the new value; {@code post} yields the old one). */
    record MapAdd(Global map, List<IrExpr> keys, IrExpr delta, boolean post, Span at) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** {@code [k1, k2] in a}; a null key is a {@code *} of a slice. */
    record MapIn(Global map, List<IrExpr> keys) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** {@code x <<< v} on a global statistic or an array element. */
    record StatAdd(Global target, List<IrExpr> keys, IrExpr value, Span at) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** {@code @count(x)} ... {@code @variance(x)}; {@code keys} empty for a scalar statistic. */
    record StatGet(org.jstap.lang.ast.StatFn fn, Global target, List<IrExpr> keys, Span at) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** {@code @hist_log(x)[i]}: one bucket's count. */
    record HistBucket(Global target, List<IrExpr> keys, IrExpr bucket) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /** {@code s =~ "re"} (or {@code !~}), setting what matched() returns. */
    record RegexMatch(IrExpr text, String regex, boolean negate) implements IrExpr {
        public IrType type() {
            return IrType.LONG;
        }
    }

    /**
     * {@code $param} (argument {@code index}) or {@code $return} of the probed kernel function;
     * {@code prettyDepth} 1 or 2 for the {@code $}/{@code $$} pretty-printed string, else 0.
     */
    record TargetRead(int index, boolean isReturn, List<String> fields, IrType type, int prettyDepth)
            implements IrExpr {}

    /** Pushes a value for @entry at function entry (in the synthesised entry probe); yields nothing. */
    record EntrySave(int probe, IrExpr value) implements IrExpr {
        public IrType type() {
            return IrType.VOID;
        }
    }

    /** Pops the newest value saved for this return probe (at the start of the return probe). */
    record EntryRestore(int probe, IrType type) implements IrExpr {}

    /** One piece of printed output. */
    sealed interface Piece {
        record Text(String text) implements Piece {}

        /** A value printed plainly (print, println, the d-variants). */
        record Value(IrExpr value) implements Piece {}

        /** {@code print(@hist_log(x))}: the histogram in stap's layout. */
        record Histogram(Global target, List<IrExpr> keys) implements Piece {}

        /** A printf conversion; width and precision are null unless given as {@code *}. */
        record Formatted(FormatSpec spec, IrExpr value, IrExpr width, IrExpr precision) implements Piece {}
    }
}
