package org.jstap.examples;

import static org.jstap.junit.TraceAssertions.assertBucket;
import static org.jstap.junit.TraceAssertions.assertCount;
import static org.jstap.junit.TraceAssertions.assertExitCode;
import static org.jstap.junit.TraceAssertions.assertInOrder;
import static org.jstap.junit.TraceAssertions.assertSyscallCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jstap.api.CommandResult;
import org.jstap.api.Machine;
import org.jstap.api.ProbeSession;
import org.jstap.junit.JstapTest;
import org.jstap.junit.RootFile;
import org.jstap.junit.Script;
import org.junit.jupiter.api.Test;

/**
 * Regression probes written with the public API: each test runs a workload on a fresh machine and
 * checks, through a probe, a behaviour of the kernel that Linux has and jstap's kernel must keep.
 * "The command" below is the -c command and every process it forks ({@code traced}).
 */
@JstapTest
class KernelRegressionTest {
    /** The command's processes: target() and whatever it forks, as strace -f follows them. */
    private static final String TRACED = """
            global traced
            probe kernel.trace("sched_process_fork") {
              if ($parent->tgid == target() || $parent->tgid in traced) traced[$child->tgid] = 1
            }
            function mine() { return pid() == target() || pid() in traced }
            """;

    @Test
    @Script(TRACED + "global opens; probe syscall.openat { if (mine() && filename == \"\\\"/etc/hostname\\\"\") opens++ }")
    void cat_opensItsFileExactlyOnce(Machine machine, ProbeSession s) {
        CommandResult r = machine.run("cat /etc/hostname");
        assertExitCode(r, 0);
        s.detach();
        assertCount(s, "opens", 1);
    }

    @Test
    @Script("global sigpipe; probe kernel.function(\"send_signal\") { if ($sig == 13) sigpipe[$t->comm]++ }")
    void pipelineWriter_getsSigpipe_whenTheReaderExits(Machine machine, ProbeSession s) {
        CommandResult r = machine.run("yes | head -n 1");
        assertEquals("y\n", r.stdout());
        s.detach();
        assertCount(s, "sigpipe", 1, "yes");
        assertEquals(1, s.globals().array("sigpipe").size(), s.globals().array("sigpipe").toString());
    }

    @Test
    @Script("global forks; probe kernel.trace(\"sched_process_fork\") { forks++ }")
    void forkAndExit_leakNoPages(Machine machine, ProbeSession s) {
        // the first runs fill the page cache and the slab caches; after that a run gives back all it took
        for (int i = 0; i < 3; i++) {
            machine.run("true & wait");
        }
        long before = machine.freePages();
        long forksBefore = s.globals().getLong("forks");
        machine.run("true & wait");
        assertTrue(s.globals().getLong("forks") - forksBefore >= 1, "the workload forked");
        assertEquals(before, machine.freePages(), "free pages after fork + exit");
    }

    @Test
    @Script("global status; probe kernel.trace(\"sched_process_exit\") { if ($p->pid == target()) status = $p->exit_code >> 8 }")
    void exitStatus_reachesTheExitTracepoint(Machine machine, ProbeSession s) {
        CommandResult r = machine.run("exit 3");
        assertExitCode(r, 3);
        assertCount(s, "status", 3);
    }

    @Test
    void echo_writesItsLineInOneWrite(Machine machine) {
        assertSyscallCount(machine, "echo hello", "write", 1);
    }

    @Test
    void pipeline_makesOnePipe(Machine machine) {
        assertSyscallCount(machine, "echo a | cat", "pipe2", 1);
    }

    @Test
    @Script(TRACED + """
            probe kernel.trace("sched_process_fork") { if (mine()) printf("fork %d\\n", $child->tgid) }
            probe kernel.trace("sched_process_exec") { if (mine()) printf("exec %s\\n", execname()) }
            probe kernel.trace("sched_process_exit") { if (mine()) printf("exit %s\\n", execname()) }
            """)
    void childLifecycle_isForkThenExecThenExit(Machine machine, ProbeSession s) {
        // sh forks for /bin/true and waits; its last command it execs in place of itself
        machine.run("/bin/true; echo done");
        assertInOrder(s, "exec sh", "fork", "exec true", "exit true", "exec echo", "exit echo");
    }

    @Test
    @Script("global sizes; probe syscall.write { if (pid() == target() || ppid() == target()) sizes <<< count }"
            + " probe end { print(@hist_log(sizes)) }")
    void dd_writesEachBlockWhole(Machine machine, ProbeSession s) {
        assertExitCode(machine.run("dd if=/dev/zero of=/dev/null bs=512 count=4 2> /dev/null"), 0);
        var sizes = s.globals().stat("sizes");
        assertBucket(sizes, 512, 4);
        assertEquals(512, sizes.max());
    }

    @Test
    @Script(TRACED + "global sig; probe kernel.function(\"send_signal\") { if ($t->tgid in traced) sig[$sig]++ }")
    void kill_deliversSigtermToTheBackgroundJob(Machine machine, ProbeSession s) {
        CommandResult r = machine.run("sleep 5 & kill $!; wait $!; echo $?");
        assertEquals("143\n", r.stdout(), "128 + SIGTERM");
        assertCount(s, "sig", 1, 15);
    }

    @Test
    @Script("global ns; probe syscall.nanosleep { if (pid() == target() || ppid() == target()) ns++ }")
    void sleep_waitsInNanosleep_forVirtualTime(Machine machine, ProbeSession s) {
        long start = machine.uptimeNs();
        machine.run("sleep 1");
        assertCount(s, "ns", 1);
        assertTrue(machine.uptimeNs() - start >= 1_000_000_000L, "a second of virtual time passed");
    }

    @Test
    @RootFile(path = "/srv/in.txt", content = "b\na\n")
    @Script(TRACED + """
            global fds
            probe syscall.openat.return { if (mine() && $return >= 0) fds[pid(), $return]++ }
            probe syscall.close { if (mine() && [pid(), fd] in fds) delete fds[pid(), fd] }
            """)
    void sort_closesEveryFileItOpens(Machine machine, ProbeSession s) {
        CommandResult r = machine.run("sort /srv/in.txt");
        assertEquals("a\nb\n", r.stdout());
        assertEquals(0, s.globals().array("fds").size(), s.globals().array("fds").toString());
    }

    @Test
    @Script(TRACED + "global created; probe syscall.openat { if (mine() && flags & 64) created[filename]++ }")
    void redirection_createsTheFileWithOCreat(Machine machine, ProbeSession s) {
        machine.run("echo hi > /tmp/x");
        assertCount(s, "created", 1, "\"/tmp/x\"");
        assertEquals("hi\n", machine.readFile("/tmp/x"));
    }
}
