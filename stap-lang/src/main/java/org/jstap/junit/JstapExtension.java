package org.jstap.junit;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jstap.api.Machine;
import org.jstap.api.MachineConfig;
import org.jstap.api.ProbeSession;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link JstapTest}: before each test it boots a machine as the
 * annotations configure it and attaches the {@link Script}s of the class and the method; it
 * injects {@link Machine} and {@link ProbeSession} parameters; when the test fails it ends the
 * sessions (so end probes print) and adds their output and the machine's dmesg to the failure,
 * printed on stderr too; after the test it detaches what is left and powers the machine off.
 * Everything is kept in the test's own {@link ExtensionContext.Store}, so tests running in
 * parallel each have their own machine.
 *
 * <pre>{@code
 * @ExtendWith(JstapExtension.class)
 * class MyTest {
 *     @Test
 *     void pipe(Machine m, @Script("global n; probe syscall.pipe2 { n++ }") ProbeSession s) { ... }
 * }
 * }</pre>
 */
public final class JstapExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver,
        TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JstapExtension.class);

    /** One test's machine and the sessions attached for it (also those the test detached itself). */
    static final class TestMachine implements ExtensionContext.Store.CloseableResource {
        final Machine machine;
        final List<ProbeSession> declared = new ArrayList<>();
        final List<ProbeSession> all = new ArrayList<>();

        TestMachine(Machine machine) {
            this.machine = machine;
        }

        @Override
        public void close() {
            machine.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestMachine t = new TestMachine(Machine.boot(config(context)));
        context.getStore(NAMESPACE).put(TestMachine.class, t);
        List<Script> scripts = new ArrayList<>();
        scripts.addAll(AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(), Script.class));
        scripts.addAll(AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestMethod(), Script.class));
        for (Script s : scripts) {
            ProbeSession session = t.machine.attach(script(s, context.getRequiredTestClass()));
            t.declared.add(session);
            t.all.add(session);
        }
    }

    private static MachineConfig config(ExtensionContext context) {
        Optional<JstapTest> ann = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), JstapTest.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), JstapTest.class));
        MachineConfig c = MachineConfig.defaults();
        if (ann.isPresent()) {
            JstapTest a = ann.get();
            c = c.withCpus(a.cpus()).withMemoryMiB(a.memoryMiB()).withSeed(a.seed());
            if (!a.append().isEmpty()) {
                c = c.withAppend(a.append());
            }
        }
        List<RootFile> files = new ArrayList<>(
                AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(), RootFile.class));
        files.addAll(AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestMethod(), RootFile.class));
        for (RootFile f : files) {
            c = c.withFile(f.path(), f.content());
        }
        return c;
    }

    /** An annotation's script, with its defines and arguments. */
    static org.jstap.api.Script script(Script s, Class<?> testClass) {
        int given = (s.value().isEmpty() ? 0 : 1) + (s.resource().isEmpty() ? 0 : 1) + (s.file().isEmpty() ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("@Script wants exactly one of value, resource or file");
        }
        org.jstap.api.Script script = !s.value().isEmpty() ? org.jstap.api.Script.of(s.value())
                : !s.resource().isEmpty() ? org.jstap.api.Script.resource(testClass, s.resource())
                : org.jstap.api.Script.file(Path.of(s.file()));
        for (String d : s.defines()) {
            script = script.define(d);
        }
        return script.withArgs(s.args());
    }

    private static TestMachine testMachine(ExtensionContext context) {
        TestMachine t = context.getStore(NAMESPACE).get(TestMachine.class, TestMachine.class);
        if (t == null) {
            throw new ParameterResolutionException("no machine: jstap machines are made per test method");
        }
        return t;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return type == Machine.class || type == ProbeSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        TestMachine t = testMachine(context);
        if (p.getParameter().getType() == Machine.class) {
            return t.machine;
        }
        Optional<Script> own = p.findAnnotation(Script.class);
        if (own.isPresent()) {
            ProbeSession s = t.machine.attach(script(own.get(), context.getRequiredTestClass()));
            t.all.add(s);
            return s;
        }
        // the n-th un-annotated session parameter gets the n-th declared script
        int index = 0;
        Executable e = p.getDeclaringExecutable();
        for (Parameter q : e.getParameters()) {
            if (q.equals(p.getParameter())) {
                break;
            }
            if (q.getType() == ProbeSession.class && !q.isAnnotationPresent(Script.class)) {
                index++;
            }
        }
        if (index >= t.declared.size()) {
            throw new ParameterResolutionException("parameter " + p.getParameter().getName() + " of "
                    + e.getName() + " wants session " + (index + 1) + " but " + t.declared.size()
                    + " @Script(s) are declared on the class and method");
        }
        return t.declared.get(index);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        TestMachine t = context.getStore(NAMESPACE).get(TestMachine.class, TestMachine.class);
        if (t != null) {
            String report = failureReport(t);
            System.err.print(report);
            failure.addSuppressed(new TraceReport(report));
        }
        throw failure;
    }

    /**
     * What a failed test shows: each session's output and stderr (ended first, so its end
     * probes have printed), then the kernel log.
     */
    static String failureReport(TestMachine t) {
        StringBuilder b = new StringBuilder();
        for (ProbeSession s : t.all) {
            s.detach();
            b.append("--- output of ").append(s.script().name()).append(" ---\n").append(s.output());
            if (!s.errors().isEmpty()) {
                b.append("--- stderr of ").append(s.script().name()).append(" ---\n").append(s.errors());
            }
        }
        b.append("--- dmesg ---\n");
        for (String line : t.machine.dmesg()) {
            b.append(line).append('\n');
        }
        return b.toString();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestMachine t = context.getStore(NAMESPACE).remove(TestMachine.class, TestMachine.class);
        if (t != null) {
            t.close();
        }
    }

    /** The report added to a failed test's exception: its message is the scripts' output and dmesg. */
    public static final class TraceReport extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TraceReport(String report) {
            super("jstap: scripts' output and the machine's log\n" + report, null, false, false);
        }
    }
}
