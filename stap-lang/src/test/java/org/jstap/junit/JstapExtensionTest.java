package org.jstap.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.jstap.api.Machine;
import org.jstap.api.ProbeSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension itself, run through the JUnit platform launcher on fixture classes (nested, so
 * surefire does not run them on their own): a failure report carries the scripts' output and
 * dmesg; tests running at once on two threads each see only their own machine's probe hits.
 */
class JstapExtensionTest {

    /** The fixtures run only when this test launches them (the parameter set), not as tests of their own. */
    static final class LaunchedFixture implements ExecutionCondition {
        static final String PARAMETER = "jstap.fixture";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by JstapExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture of JstapExtensionTest");
        }
    }

    /** Runs a fixture class and returns, per test method, how it ended. */
    private static Map<String, TestExecutionResult> run(Class<?> fixture, Map<String, String> parameters) {
        Map<String, String> config = new java.util.HashMap<>(parameters);
        config.put(LaunchedFixture.PARAMETER, "true");
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture)).configurationParameters(config).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.put(id.getDisplayName().replaceAll("\\(.*", ""), result);
                }
            }
        });
        return results;
    }

    @JstapTest
    @ExtendWith(LaunchedFixture.class)
    static class FailingFixture {
        @Test
        @Script("probe begin { println(\"begin ran\") } probe syscall.openat { if (pid() == target()) println(\"opened\") }"
                + " probe end { println(\"end ran\") }")
        void fails(Machine machine, ProbeSession s) {
            machine.run("cat /etc/hostname");
            throw new AssertionError("the fixture's own failure");
        }
    }

    @Test
    void failureReport_containsTheScriptOutputAndDmesg() {
        TestExecutionResult r = run(FailingFixture.class, Map.of()).get("fails");
        assertEquals(TestExecutionResult.Status.FAILED, r.getStatus());
        Throwable failure = r.getThrowable().orElseThrow();
        assertEquals("the fixture's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        String report = failure.getSuppressed()[0].getMessage();
        // the session is ended before the report, so the end probe's line is there too
        assertTrue(report.contains("--- output of <input> ---\nbegin ran\nopened\nend ran\n"), report);
        assertTrue(report.contains("--- dmesg ---\n"), report);
        // dmesg is the kernel's own log: the boot banner is its first line
        String dmesg = report.substring(report.indexOf("--- dmesg ---\n") + 14);
        assertTrue(dmesg.contains("Linux version 6.1.0-jstap"), dmesg);
    }

    /** Both tests are attached at the same time (the barrier), each counting opens on its own machine. */
    @JstapTest
    @ExtendWith(LaunchedFixture.class)
    @Execution(ExecutionMode.CONCURRENT)
    static class ParallelFixture {
        static final CyclicBarrier BOTH_ATTACHED = new CyclicBarrier(2);
        static final List<String> THREADS = java.util.Collections.synchronizedList(new ArrayList<>());

        private static void opens(Machine machine, ProbeSession s, int cats) throws Exception {
            THREADS.add(Thread.currentThread().getName());
            BOTH_ATTACHED.await(60, TimeUnit.SECONDS);
            long before = s.globals().getLong("n");
            for (int i = 0; i < cats; i++) {
                machine.run("cat /etc/hostname");
            }
            BOTH_ATTACHED.await(60, TimeUnit.SECONDS);
            // every open on the machine counts, whoever makes it: sh's and cat's
            assertEquals(cats * perCat(), s.globals().getLong("n") - before);
        }

        /** How many openat calls one `cat FILE` run makes (measured once on a machine of its own). */
        static long perCat() {
            return PER_CAT;
        }

        static long PER_CAT;

        @Test
        @Script("global n; probe syscall.openat { n++ }")
        void one(Machine machine, ProbeSession s) throws Exception {
            opens(machine, s, 1);
        }

        @Test
        @Script("global n; probe syscall.openat { n++ }")
        void three(Machine machine, ProbeSession s) throws Exception {
            opens(machine, s, 3);
        }
    }

    @Test
    void parallelTests_doNotSeeEachOthersProbes() {
        try (Machine m = Machine.boot()) {
            ProbeSession s = m.attach(org.jstap.api.Script.of("global n; probe syscall.openat { n++ }"));
            m.run("cat /etc/hostname");
            ParallelFixture.PER_CAT = s.globals().getLong("n");
        }
        assertTrue(ParallelFixture.PER_CAT >= 1, "cat opens its file");
        Map<String, TestExecutionResult> results = run(ParallelFixture.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("one").getStatus(),
                () -> results.get("one").getThrowable().map(Throwable::toString).orElse(""));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("three").getStatus(),
                () -> results.get("three").getThrowable().map(Throwable::toString).orElse(""));
        assertEquals(2, ParallelFixture.THREADS.stream().distinct().count(), ParallelFixture.THREADS.toString());
    }
}
