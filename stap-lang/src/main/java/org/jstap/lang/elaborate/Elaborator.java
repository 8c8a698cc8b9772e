package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.Decl;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Script;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;

/**
 * Pass 2: resolves probe points (through aliases) and names (globals, locals, functions), then
 * infers types to a fixed point, as stap's elaborate.cxx does.
 *
 * <pre>{@code
 * Elaborator.Result r = Elaborator.elaborate(userScript, tapsets, resolver);
 * r.script().typeOf(expr);
 * }</pre>
 */
public final class Elaborator {

    public record Result(ElaboratedScript script, Diagnostics diagnostics) {}

    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<String, Variable> globals = new LinkedHashMap<>();
    private final Map<Variable, Expr> globalInits = new LinkedHashMap<>();
    private final Map<String, List<ScriptFunction>> functions = new LinkedHashMap<>();
    private final ProbePointResolver resolver;
    private final boolean unoptimized;
    private final boolean autoPrint;

    private Elaborator(ProbePointResolver resolver, boolean unoptimized, boolean autoPrint) {
        this.resolver = resolver;
        this.unoptimized = unoptimized;
        this.autoPrint = autoPrint;
    }

    public static Result elaborate(Script user, List<Script> library, ProbePointResolver.Provider provider) {
        return elaborate(user, library, provider, false);
    }

    /** {@code unoptimized} is stap's {@code -u}: no elision of unused code. */
    public static Result elaborate(Script user, List<Script> library, ProbePointResolver.Provider provider,
                                   boolean unoptimized) {
        return elaborate(user, library, provider, unoptimized, true);
    }

    /** {@code autoPrint} false is {@code --no-global-var-display}. */
    public static Result elaborate(Script user, List<Script> library, ProbePointResolver.Provider provider,
                                   boolean unoptimized, boolean autoPrint) {
        List<Decl.ProbeAlias> aliases = new ArrayList<>();
        for (Script s : library) {
            s.decls().stream().filter(d -> d instanceof Decl.ProbeAlias).forEach(d -> aliases.add((Decl.ProbeAlias) d));
        }
        user.decls().stream().filter(d -> d instanceof Decl.ProbeAlias).forEach(d -> aliases.add((Decl.ProbeAlias) d));
        Elaborator e = new Elaborator(new ProbePointResolver(provider, aliases), unoptimized, autoPrint);
        return e.run(user, library);
    }

    private Result run(Script user, List<Script> library) {
        for (Decl d : user.decls()) {
            declare(d, false);
        }
        for (Script s : library) {
            for (Decl d : s.decls()) {
                declare(d, true);
            }
        }
        List<ElaboratedProbe> probes = new ArrayList<>();
        for (Decl d : user.decls()) {
            if (d instanceof Decl.Probe p) {
                probes.addAll(resolver.resolve(p, diagnostics));
            }
        }
        warnNeverAssignedGlobals(probes);
        if (!unoptimized) {
            probes = new Optimizer(globals, functions, diagnostics).optimize(probes);
        }
        if (probes.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.add(Diagnostic.semanticError("sema.no-probes", "no probes found", null,
                    org.jstap.lang.ast.Span.NONE));
        }
        TypeInference inference = new TypeInference(globals, functions, diagnostics);
        inference.infer(probes);
        List<Variable> unread = inference.referenced().stream()
                .filter(v -> v.written && !v.read && !isLibrary(v) && v.type.known()).toList();
        if (autoPrint) {
            probes.addAll(AutoPrint.probes(unread));
        }
        List<ScriptFunction> used = inference.run(probes, globalInits);
        inference.checkGlobals();

        List<Variable> usedGlobals = List.copyOf(inference.referenced());
        ElaboratedScript script = new ElaboratedScript(usedGlobals, globalInits, used, inference.runtimeUsed(), probes,
                inference.types(), inference.variables(), inference.calls(), inference.targets(),
                inference.casts());
        return new Result(script, diagnostics);
    }

    /** stap's warning for a user global that is read but never written nor initialised. */
    private void warnNeverAssignedGlobals(List<ElaboratedProbe> probes) {
        java.util.Set<String> written = new java.util.HashSet<>();
        java.util.Set<String> read = new java.util.HashSet<>();
        Walk.Visitor v = new Walk.Visitor() {
            @Override
            public void expr(Expr e, boolean assigned) {
                String name = switch (e) {
                    case Expr.Var x -> x.name();
                    case Expr.Index i -> i.array();
                    case Expr.In i -> i.array();
                    default -> null;
                };
                if (name != null) {
                    (assigned ? written : read).add(name);
                }
                if (e instanceof Expr.Crement c) {
                    written.add(c.target() instanceof Expr.Var x ? x.name()
                            : c.target() instanceof Expr.Index i ? i.array() : "");
                } else if (e instanceof Expr.Assign a && !assigned) {
                    written.add(a.target() instanceof Expr.Var x ? x.name()
                            : a.target() instanceof Expr.Index i ? i.array() : "");
                }
            }

            @Override
            public void statement(org.jstap.lang.ast.Stmt s) {
                if (s instanceof org.jstap.lang.ast.Stmt.Delete d) {
                    written.add(d.target() instanceof Expr.Var x ? x.name()
                            : d.target() instanceof Expr.Index i ? i.array() : "");
                } else if (s instanceof org.jstap.lang.ast.Stmt.Foreach f && f.array() != null) {
                    read.add(f.array());
                }
            }
        };
        probes.forEach(p -> Walk.stmt(p.body(), v));
        functions.values().forEach(fs -> fs.forEach(f -> {
            if (f.body != null) {
                Walk.stmt(f.body, v);
            }
        }));
        for (Variable g : globals.values()) {
            if (!isLibrary(g) && read.contains(g.name()) && !written.contains(g.name()) && !globalInits.containsKey(g)) {
                diagnostics.add(Diagnostic.warning("sema.never-assigned-global", "never-assigned global variable '"
                        + g.name() + "'", "identifier '" + g.name() + "'", nameSpan(g))
                        .withSimilar(Similar.names(g.name(), globals.keySet(), true)));
            }
        }
    }

    /** The name in a global's declaration. */
    private static org.jstap.lang.ast.Span nameSpan(Variable g) {
        org.jstap.lang.ast.Span d = g.declared();
        return new org.jstap.lang.ast.Span(d.file(), d.start(), d.start() + g.name().length());
    }

    private final java.util.Set<Variable> libraryGlobals = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private boolean isLibrary(Variable v) {
        return libraryGlobals.contains(v);
    }

    private void declare(Decl d, boolean library) {
        switch (d) {
            case Decl.Global g -> {
                if (globals.containsKey(g.name())) {
                    if (!library) {
                        diagnostics.add(Diagnostic.semanticError("sema.duplicate-global",
                                "conflicting global variables", "identifier '" + g.name() + "'", g.span()));
                    }
                    return;
                }
                Variable v = new Variable(g.name(), Variable.Kind.GLOBAL, g.span());
                v.maxEntries = g.size();
                v.wrap = g.wrap();
                if (g.size() > 0 || g.wrap()) {
                    v.arity = Math.max(v.arity, -1);
                }
                if (g.init() != null) {
                    v.arity = 0;
                    v.type = g.init() instanceof Expr.NumberLit ? Type.LONG : Type.STRING;
                    v.typeInferredAt = g.init().span();
                    v.written = true;
                    globalInits.put(v, g.init());
                }
                globals.put(g.name(), v);
                if (library) {
                    libraryGlobals.add(v);
                }
            }
            case Decl.Function f -> {
                List<ScriptFunction> same = functions.computeIfAbsent(f.name(), k -> new ArrayList<>());
                boolean clash = same.stream().anyMatch(o -> o.params().size() == f.params().size());
                if (clash) {
                    if (!library) {
                        diagnostics.add(Diagnostic.semanticError("sema.duplicate-function",
                                "duplicate function name", "identifier '" + f.name() + "'", f.span()));
                    }
                    return;
                }
                same.add(new ScriptFunction(f, library));
            }
            case Decl.Probe p -> { }
            case Decl.ProbeAlias a -> { }
            case Decl.Embedded e -> { }
        }
    }
}
