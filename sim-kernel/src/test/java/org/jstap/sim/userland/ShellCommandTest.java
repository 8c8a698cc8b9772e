package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** sh and the programs that need no files, run on a booted machine. */
class ShellCommandTest {
    private static void check(String cmd, String output, int status) {
        Machine.Result r = Machine.sh(cmd);
        // kernel gap: no pipe2 before the VFS lands
        Assumptions.assumeFalse(r.output().contains("Pipe call failed"), "pipe2 missing");
        assertEquals(output, r.output(), cmd);
        assertEquals(status, r.status(), cmd + " -> " + r.output());
    }

    @Test
    void echo_andLists() {
        check("echo hello world; echo -n a; echo b", "hello world\nab\n", 0);
    }

    @Test
    void andOr_andStatus() {
        check("false && echo no; true && echo yes; false || echo or; echo $?", "yes\nor\n0\n", 0);
    }

    @Test
    void notFound_isDashsMessageAnd127() {
        check("nosuch arg; echo status $?", "sh: 1: nosuch: not found\nstatus 127\n", 0);
    }

    @Test
    void exit_setsTheStatus() {
        check("echo before; exit 3; echo after", "before\n", 3);
    }

    @Test
    void variables_quotesAndPrefixes() {
        check("A=1; B=\"two words\"; echo $A \"$B\" '$A' ${A}x; A=5 sh -c 'echo in $A'; echo out $A",
                "1 two words $A 1x\nin 5\nout 1\n", 0);
    }

    @Test
    void printfAndSeq() {
        check("printf '%s=%05.1f|%-3d|%x\\n' a 3.14159 7 255; seq 3; seq -s, 2 2 8",
                "a=003.1|7  |ff\n1\n2\n3\n2,4,6,8\n", 0);
    }

    @Test
    void commandSubstitution() {
        check("x=$(echo inner); echo \"[$x]\" $(seq 2)", "[inner] 1 2\n", 0);
    }

    @Test
    void backquotes_andTilde() {
        check("echo `echo old` \"[`echo in quotes`]\"; HOME=/h; echo ~ ~/x '~' a~", "old [in quotes]\n/h /h/x ~ a~\n", 0);
    }

    @Test
    void syntaxError_endsTheShellWithStatus2() {
        check("echo a\necho b; if", "a\nsh: 2: Syntax error: end of file unexpected (expecting \"then\")\n", 2);
    }

    @Test
    void background_andWait() {
        check("echo a & wait; echo b", "a\nb\n", 0);
    }

    @Test
    void subshell_keepsVariablesApart() {
        check("X=1; (X=2; echo $X); echo $X", "2\n1\n", 0);
    }
}
