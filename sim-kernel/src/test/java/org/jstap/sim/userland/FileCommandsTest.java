package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The programs that work on files, run by sh on a booted machine, with the output coreutils
 * gives for the same commands.
 */
class FileCommandsTest {
    private static String run(String cmd) {
        Machine.Result r = Machine.sh(cmd);
        return r.output() + "[" + r.status() + "]";
    }

    @Test
    void catAndRedirections() {
        assertEquals("hello\nworld\ncat: /nope: No such file or directory\nst 1\n[0]",
                run("cd /tmp; echo hello > a; echo world >> a; cat a; cat /nope; echo \"st $?\""));
        assertEquals("err\nboth\nls 2\nsh: 1: cannot open /nope: No such file\nst 2\n[0]",
                run("echo err >&2; echo both 2>&1; ls /nope 2>/dev/null; echo \"ls $?\"; cat < /nope; echo \"st $?\""));
        assertEquals("sh: 1: cannot create /nope/x: Directory nonexistent\n[2]", run("echo x > /nope/x"));
    }

    @Test
    void lsLong_inCoreutilsFormat() {
        // the initramfs files carry the archive's mtime, the day before the machine's clock starts
        String date = "Dec 31 00:00";
        String out = run("ls -l /etc");
        assertTrue(out.startsWith("total "), out);
        assertTrue(out.matches("(?s).*\n-rw-r--r-- 1 root root 236 " + date + " passwd\n.*"), out);
        assertTrue(out.matches("(?s).*\nlrwxrwxrwx 1 root root  17 " + date + " mtab -> /proc/self/mounts\n.*"), out);
        assertTrue(out.matches("(?s).*\n-rw-r----- 1 root root  50 " + date + " shadow\n.*"), out);
    }

    @Test
    void ls_columnsOnTheConsole_andRecursive() {
        assertEquals("bin  dev  etc  home  lib  mnt  proc  root  run  sbin  srv  sys  tmp  usr  var\n[0]", run("ls /"));
        assertEquals("d:\ne  y\n\nd/e:\nf\n\nd/e/f:\nx\n[0]", run("cd /tmp; mkdir -p d/e/f; touch d/e/f/x d/y; ls -R d"));
        assertEquals("ls: cannot access 'nope': No such file or directory\n[2]", run("ls nope"));
        assertEquals(".\n..\na\n[0]", run("cd /tmp; touch a; ls -a | cat"));
    }

    @Test
    void wc_columnWidths() {
        assertEquals(" 2  2 12 a\n2 a\n      2       2      12\n  2   2  12 a\n  6   6 236 /etc/passwd\n"
                + "  8   8 248 total\n[0]",
                run("cd /tmp; printf 'hello\\nworld\\n' > a; wc a; wc -l a; cat a | wc; wc a /etc/passwd"));
    }

    @Test
    void headTailGrep() {
        assertEquals("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
                + "user:x:1000:1000:user:/home/user:/bin/sh\nusers:x:100:user\nnogroup:x:65534:\nuser:x:1000:\n[0]",
                run("head -n 1 /etc/passwd; tail -n 2 /etc/passwd; tail -n +6 /etc/group"));
        assertEquals("1:root:x:0:0:root:/root:/bin/sh\n5\nroot:x:0:\ngrep 1\ngrep: /nope: No such file or directory\n"
                + "grep 2\n[0]", run("grep -n root /etc/passwd; grep -c -v root /etc/passwd; grep -i ROOT /etc/group; "
                        + "grep nope /etc/passwd; echo \"grep $?\"; grep x /nope; echo \"grep $?\""));
        assertEquals("user:x:1000:\n[0]", run("grep -E '^u.+[0-9]{4}' /etc/group"));
    }

    @Test
    void sortUniq() {
        assertEquals("a\na\nb\nc\n9\n10\n100\n3\n1\n      2 a\n      1 b\n[0]",
                run("printf 'b\\na\\nc\\na\\n' | sort; printf '10\\n9\\n100\\n' | sort -n; printf '3\\n1\\n3\\n' | sort -r -u; "
                        + "printf 'a\\na\\nb\\n' | uniq -c"));
    }

    @Test
    void fileOperations() {
        String out = run("cd /tmp; echo 0123456789a > a; cp a b; mv b c; ls; rm c; ln -s a sym; ln a hard; ls -l; "
                + "rmdir nope; mkdir d; mkdir d; echo \"mk $?\"; rm d; rm -r d; ls");
        assertTrue(out.startsWith("a  c\ntotal 8\n-rw-r--r-- 2 root root 12 Jan  1 "), out);
        assertTrue(out.contains(" hard\nlrwxrwxrwx 1 root root  1 Jan  1 "), out);
        assertTrue(out.endsWith(" sym -> a\nrmdir: failed to remove 'nope': No such file or directory\n"
                + "mkdir: cannot create directory 'd': File exists\nmk 1\nrm: cannot remove 'd': Is a directory\n"
                + "a  hard  sym\n[0]"), out);
    }

    @Test
    void stat_layout() {
        String out = run("cd /tmp; echo 0123456789a > a; ln -s a sym; stat a sym");
        String[] lines = out.split("\n");
        assertEquals("  File: a", lines[0]);
        assertEquals("  Size: 12        \tBlocks: 8          IO Block: 4096   regular file", lines[1]);
        assertTrue(lines[2].matches("Device: \\d+,\\d+\tInode: \\d+ +Links: 1"), lines[2]);
        assertEquals("Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)", lines[3]);
        assertTrue(lines[5].matches("Modify: 2026-01-01 00:00:00\\.\\d{9} \\+0000"), lines[5]);
        assertEquals(" Birth: -", lines[7]);
        assertEquals("  File: 'sym' -> 'a'", lines[8]);
        assertEquals("Access: (0777/lrwxrwxrwx)  Uid: (    0/    root)   Gid: (    0/    root)", lines[11]);
    }

    @Test
    void pipelines_endWithTheirLastCommand() {
        assertEquals("y\ny\ny\n100\n5\n4\n1\n[0]", run("yes | head -3; seq 100 | tail -1; seq 5 | grep -v 3 | sort -r | head -2; "
                + "true | false; echo $?"));
    }

    @Test
    void dd_countsRecords() {
        String out = run("dd if=/etc/passwd of=/tmp/p bs=100; cat /tmp/p | wc -c");
        assertTrue(out.startsWith("2+1 records in\n2+1 records out\n236 bytes copied, "), out);
        assertTrue(out.endsWith("\n236\n[0]"), out);
    }

    @Test
    void scripts_fromFilesAndShebangs() {
        assertEquals("script a b\n/tmp/s.sh: 2: nosuch: not found\n[127]",
                run("printf 'echo script \"$@\"\\nnosuch\\n' > /tmp/s.sh; sh /tmp/s.sh a b"));
        assertEquals("sh: 1: /tmp/t: Permission denied\n126\nhi x\nplain y\n[0]",
                run("printf '#!/bin/sh\\necho hi $1\\n' > /tmp/t; /tmp/t; echo $?; chmod u+x /tmp/t; /tmp/t x; "
                        + "echo 'echo plain $1' > /tmp/p; chmod 755 /tmp/p; /tmp/p y"));
        assertEquals("sh: 0: cannot open /nope: No such file\n[2]", run("sh /nope"));
    }

    @Test
    void builtins() {
        assertEquals("/tmp\n/etc\n/\nsh: 1: cd: can't cd to /nope\n2\nx a b\nsub\nsub 4\n[0]",
                run("cd /tmp; pwd; cd /etc; pwd; cd; pwd; cd /nope; echo $?; echo 'a b' > /tmp/f; read x < /tmp/f; "
                        + "echo x $x; (echo sub; exit 4); echo \"sub $?\""));
        assertEquals("A=1\nenv: 'nosuch': No such file or directory\n[0]", run("env -i A=1 env; env nosuch; true"));
        assertEquals("HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nk0\n"
                + "kill: (99999) - No such process\nk1\n[0]", run("kill -l | head -1; kill -0 $$; echo k$?; kill 99999; echo k$?"));
    }

    @Test
    void pathnameExpansion_ofUnquotedPatterns() {
        assertEquals("a.txt b.txt\n*.txt\n/tmp/c.log\nnone*\na.txt b.txt c.log\na.txt b.txt\n.h\n[0]",
                run("cd /tmp; touch a.txt b.txt c.log .h; echo *.txt; echo \"*.txt\"; echo /tmp/?.log; echo none*; "
                        + "echo *; echo [ab].*; echo .[a-z]"));
    }

    @Test
    void compoundCommands_andArithmetic() {
        assertEquals("x=a\nx=b\n3\nxxx0\nelif\nmulti\ng1\ng2\n1a\n2a\n3a\nonce\n14 3 1 24 2\ndir\nnofile\n0\n1\n"
                + "sh: 14: arithmetic expression: division by zero: \"1/0\"\n[2]",
                run("""
                        for x in a b; do echo "x=$x"; done
                        i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i
                        n=0; while true; do n=x$n; if test $n = xxx0; then break; fi; done; echo $n
                        if false; then echo no; elif true; then echo elif; else echo else; fi
                        if true
                        then
                          echo multi
                        fi
                        { echo g1; echo g2; } > /tmp/g; cat /tmp/g
                        for i in 1 2 3; do for j in a b; do if [ $j = b ]; then continue 2; fi; echo $i$j; done; done
                        until false; do echo once; break; done
                        echo $((2*(3+4))) $((7/2)) $((1<2 && 3)) $((0x10 + 010)) "$((5%3))"
                        [ -d /tmp ] && echo dir; [ -f /nope ] || echo nofile; [ abc ]; echo $?; test; echo $?
                        echo $((1/0))
                        echo notreached"""));
    }

    @Test
    void mountSignalsAndDevices() {
        assertEquals("m0\nx\nu0\nmount: /mnt: unknown filesystem type 'nosuchfs'.\n32\nkilled 143\n"
                + "echo: write error: No space left on device\nfull 1\n/home/user\n/\n      0       2      10\n3\n[0]",
                run("mount -t tmpfs none /mnt; echo m$?; touch /mnt/x; ls /mnt; umount /mnt; echo u$?; ls /mnt; "
                        + "mount -t nosuchfs none /mnt; echo $?; sleep 10 & kill $!; wait $!; echo \"killed $?\"; "
                        + "echo > /dev/full; echo full $?; cd /home/user && pwd && cd - >/dev/null && pwd; "
                        + "printf 'no newline' | wc; printf 'a b\\n\\nc' | wc -w"));
    }

    @Test
    void hereDocuments() {
        assertEquals("x is 1\n$x literal\n2\n[0]", run("x=1; cat <<EOF\nx is $x\nEOF\ncat <<'E'\n$x literal\nE\n"
                + "seq 2 | wc -l <<EOF | cat\na\nb\nEOF"));
    }

    @Test
    void execWithoutCommand_redirectsTheShell() {
        assertEquals("hi\n[0]", run("exec > /tmp/o; echo hi; exec >&2; cat /tmp/o"));
    }

    @Test
    void stress_workersThroughPipesAndTmp() {
        assertEquals("stress: 3 workers, 3 ok, 0 failed, 49152 bytes through pipes, 49152 bytes through files\n"
                + "left 0\n[0]", run("stress -n 3; echo left $(ls /tmp | wc -l)"));
    }
}
