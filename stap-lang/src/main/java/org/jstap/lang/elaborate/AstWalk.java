package org.jstap.lang.elaborate;

import java.util.function.Consumer;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Stmt;

/** Calls back for every expression of a body, for passes that only look. */
public final class AstWalk {
    private AstWalk() {}

    public static void stmt(Stmt s, Consumer<Expr> visit) {
        Walk.stmt(s, new Walk.Visitor() {
            @Override
            public void expr(Expr e, boolean assigned) {
                visit.accept(e);
            }
        });
    }
}
