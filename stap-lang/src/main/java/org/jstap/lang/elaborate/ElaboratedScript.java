package org.jstap.lang.elaborate;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Stmt;

/**
 * The result of pass 2: the globals, functions and probes that remain after resolution, and what
 * was inferred for each expression. AST nodes are looked up by identity.
 */
public record ElaboratedScript(
        List<Variable> globals,
        Map<Variable, Expr> globalInits,
        List<ScriptFunction> functions,
        List<RuntimeFunction> runtimeFunctions,
        List<ElaboratedProbe> probes,
        IdentityHashMap<Expr, Type> types,
        IdentityHashMap<Object, Variable> variables,
        IdentityHashMap<Expr.Call, Object> calls,
        IdentityHashMap<Expr.Target, TargetVariable> targets,
        IdentityHashMap<Expr.Cast, CastTarget> casts) {

    public Type typeOf(Expr e) {
        return types.getOrDefault(e, Type.UNKNOWN);
    }

    /** The variable a Var, Index, In, foreach variable or try/catch names. */
    public Variable variableOf(Object node) {
        return variables.get(node);
    }

    /** A {@link ScriptFunction}, {@link RuntimeFunction} or {@link Builtin}. */
    public Object target(Expr.Call call) {
        return calls.get(call);
    }

    /** What a {@code $name} resolved to, or null. */
    public TargetVariable targetOf(Expr.Target t) {
        return targets.get(t);
    }

    /** What a {@code @cast(...)} resolved to, or null. */
    public CastTarget castOf(Expr.Cast c) {
        return casts.get(c);
    }

    public Variable catchVariable(Stmt.Try t) {
        return variables.get(t);
    }
}
