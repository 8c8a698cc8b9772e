package org.jstap.lang.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.jstap.lang.diag.SourceFile;
import org.junit.jupiter.api.Test;

/** Only the library files a script can reach are parsed; the word scan may over-include, never miss. */
class TapsetSelectionTest {
    private static List<String> names(List<SourceFile> files) {
        return files.stream().map(SourceFile::name).toList();
    }

    @Test
    void definitions_areAliasFirstComponents_functionsAndGlobals() {
        Set<String> d = TapsetSelection.defines("""
                global __a = 32, b[100]
                private global c
                probe x.open = kernel.function("f") { }
                probe y.read, z.read.return = kernel.function("g").return { }
                function helper:string(n:long) { return sprint(n) }
                private function hidden() { }
                probe begin { }
                """);
        assertEquals(Set.of("__a", "b", "c", "x", "y", "z", "helper", "hidden"), d);
    }

    @Test
    void aScriptGetsTheFilesItNames_andTheFilesThoseName() {
        SourceFile calls = new SourceFile("tapset/calls.stp", "probe call.open = kernel.function(\"f\") { s = fmt($x) }",
                true);
        SourceFile fmt = new SourceFile("tapset/fmt.stp", "function fmt:string(x:long) { return sprintf(\"%d\", x + base) }",
                true);
        SourceFile base = new SourceFile("tapset/base.stp", "global base = 1", true);
        SourceFile other = new SourceFile("tapset/other.stp", "probe other.thing = kernel.function(\"g\") { }", true);
        List<SourceFile> library = List.of(base, calls, fmt, other);
        assertEquals(List.of(), names(TapsetSelection.needed("probe begin { println(\"hi\") exit() }", library)));
        // in library order, reached through calls.stp -> fmt() -> base
        assertEquals(List.of("tapset/base.stp", "tapset/calls.stp", "tapset/fmt.stp"),
                names(TapsetSelection.needed("probe call.* { println(s) }", library)));
    }

    @Test
    void theShippedSyscallTapset_bringsItsHelpers() throws Exception {
        List<SourceFile> library = TapsetLibrary.load(List.of());
        List<String> needed = names(TapsetSelection.needed("probe syscall.openat { println(argstr) }", library));
        assertTrue(needed.contains("tapset/syscalls.stp") && needed.contains("tapset/strace.stp"), needed.toString());
        assertTrue(needed.size() < library.size(), needed.toString());
    }
}
