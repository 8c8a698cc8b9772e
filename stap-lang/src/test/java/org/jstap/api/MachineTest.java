package org.jstap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API on a real machine: compile errors, globals as Java values, commands, files, processes. */
class MachineTest {

    @Test
    void attach_scriptWithSemanticError_throwsWithStapsDiagnostics() {
        try (Machine m = Machine.boot()) {
            StapException e = assertThrows(StapException.class,
                    () -> m.attach(Script.of("probe begin { x = 1; x = \"s\" }")));
            assertEquals(2, e.pass());
            assertTrue(e.diagnostics().contains("semantic error: "), e.diagnostics());
            assertTrue(e.diagnostics().endsWith("Pass 2: analysis failed.  [man error::pass2]\n"), e.diagnostics());
            assertEquals(List.of(), m.sessions());
        }
    }

    @Test
    void check_parseError_isPassOne() {
        StapException e = assertThrows(StapException.class, () -> Script.of("probe begin {").check());
        assertEquals(1, e.pass());
        assertTrue(e.diagnostics().startsWith("parse error: "), e.diagnostics());
    }

    @Test
    void globals_scalarsArraysAndStats_readAsJavaValues() {
        try (Machine m = Machine.boot()) {
            ProbeSession s = m.attach(Script.of("""
                    global n, last, pairs, sizes, per
                    probe begin {
                      n = 42; last = "x"; pairs["a", 1] = 10; pairs["b", 2] = 20
                      sizes <<< 1; sizes <<< 3; sizes <<< 1000; per["k"] <<< 5
                      print(@hist_log(sizes)); println(@count(per["k"]))
                    }
                    """));
            Globals g = s.globals();
            assertEquals(List.of("last", "n", "pairs", "per", "sizes"), g.names());
            assertEquals(42, g.getLong("n"));
            assertEquals("x", g.getString("last"));
            GlobalArray pairs = g.array("pairs");
            assertEquals(List.of(List.of("a", 1L), List.of("b", 2L)), pairs.keys());
            assertEquals(20, pairs.getLong("b", 2));
            assertEquals(0, pairs.getLong("c", 3));
            assertEquals(30, pairs.sum());
            Aggregate sizes = g.stat("sizes");
            assertEquals(3, sizes.count());
            assertEquals(1004, sizes.sum());
            assertEquals(1, sizes.min());
            assertEquals(1000, sizes.max());
            assertEquals(334, sizes.avg());
            // log buckets: 1 in [1,2), 3 in [2,4), 1000 in [512,1024)
            assertEquals(List.of(new Aggregate.Bucket(1, 1), new Aggregate.Bucket(2, 1), new Aggregate.Bucket(512, 1)),
                    sizes.buckets());
            assertEquals(1, sizes.bucketCount(700));
            assertEquals(5, g.array("per").getStat("k").sum());
            assertThrows(IllegalArgumentException.class, () -> g.getLong("last"));
            assertThrows(IllegalArgumentException.class, () -> g.getLong("nosuch"));
        }
    }

    @Test
    void run_reportsExitStatusOutputAndTarget() {
        try (Machine m = Machine.boot()) {
            ProbeSession s = m.attach(Script.of("probe end { printf(\"target %d\\n\", target()) }"));
            CommandResult r = m.run("echo out; echo err >&2; exit 7");
            assertEquals("out\n", r.stdout());
            assertEquals("err\n", r.stderr());
            assertEquals(7, r.exitCode());
            assertTrue(r.exited());
            assertEquals(r.pid(), s.target());
            assertEquals(0, s.detach());
            assertEquals("target " + r.pid() + "\n", s.output());
            assertFalse(s.isAttached());
            assertEquals(List.of(), m.sessions());
        }
    }

    @Test
    void run_commandKilledBySignal_reportsTheSignal() {
        try (Machine m = Machine.boot()) {
            CommandResult r = m.run("kill -9 $$");
            assertFalse(r.exited());
            assertEquals(9, r.termSignal());
            assertEquals(-1, r.exitCode());
        }
    }

    @Test
    void config_filesAndCmdline_reachTheMachine() {
        MachineConfig c = MachineConfig.defaults().withCpus(1).withFile("/opt/app/data.txt", "payload\n")
                .withAppend("loglevel=7");
        try (Machine m = Machine.boot(c)) {
            assertEquals("payload\n", m.readFile("/opt/app/data.txt"));
            assertTrue(m.exists("/opt/app"));
            assertFalse(m.exists("/opt/nope"));
            assertTrue(m.proc("cmdline").contains("loglevel=7"), m.proc("cmdline"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.readFile("/nope"));
            assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        }
    }

    @Test
    void processes_listInitAndTheKernelThreads() {
        try (Machine m = Machine.boot()) {
            List<Machine.Process> ps = m.processes();
            assertEquals(1, ps.get(0).pid());
            assertTrue(ps.stream().anyMatch(p -> p.comm().equals("kthreadd")), ps.toString());
        }
    }

    @Test
    void defineAndArgs_reachTheScript() {
        try (Machine m = Machine.boot()) {
            ProbeSession s = m.attach(Script.of("global n; probe begin { println(@1) for (i = 0; i < 100; i++) n++ }")
                    .withArgs("hello").define("MAXACTION", 10));
            s.detach();
            assertEquals("hello\n", s.output());
            assertTrue(s.errors().contains("MAXACTION"), s.errors());
        }
        assertThrows(IllegalArgumentException.class, () -> Script.of("probe begin { }").define("MAXFOO", 1));
    }
}
