package org.jstap.lang.elaborate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.Decl;

/** A function written in the script language (the user's or a tapset's), and what is inferred of it. */
public final class ScriptFunction {
    private final Decl.Function decl;
    private final boolean library;
    private final List<Variable> params;
    /** Parameters first, then locals in order of first use. */
    final Map<String, Variable> locals = new LinkedHashMap<>();
    Type returns;
    /** The body after pass-2 optimisation; null for embedded-code functions. */
    org.jstap.lang.ast.Stmt.Block body;
    org.jstap.lang.ast.Span returnInferredAt;

    ScriptFunction(Decl.Function decl, boolean library) {
        this.decl = decl;
        this.library = library;
        this.params = decl.params().stream().map(p -> {
            Variable v = new Variable(p.name(), Variable.Kind.PARAM, p.span());
            v.type = Type.of(p.type());
            v.arity = 0;
            if (v.type.known()) {
                v.typeInferredAt = p.span();
            }
            return v;
        }).toList();
        params.forEach(v -> locals.put(v.name(), v));
        this.body = decl.body();
        this.returns = Type.of(decl.returnType());
        if (returns.known()) {
            returnInferredAt = decl.span();
        }
    }

    public Decl.Function decl() {
        return decl;
    }

    public String name() {
        return decl.name();
    }

    /** The function's name in its declaration, where stap points for arity mismatches. */
    public org.jstap.lang.ast.Span nameSpan() {
        org.jstap.lang.ast.Span d = decl.span();
        int at = d.file().text().indexOf(decl.name(), d.start() + "function".length());
        return at < 0 ? d : new org.jstap.lang.ast.Span(d.file(), at, at + decl.name().length());
    }

    public boolean library() {
        return library;
    }

    public List<Variable> params() {
        return params;
    }

    public Map<String, Variable> locals() {
        return locals;
    }

    public org.jstap.lang.ast.Stmt.Block body() {
        return body;
    }

    public Type returns() {
        return returns;
    }
}
