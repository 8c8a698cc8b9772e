package org.jstap.lang.tapset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The syscall tapset covers the kernel's syscall table: every {@code define(...)} of SyscallTable
 * has {@code syscall.NAME} and {@code syscall.NAME.return} on the function the entry calls, and
 * every alias name has its {@code nd_syscall} twin. A syscall added to the kernel without its
 * tapset entry fails this test, as does an alias on a function the table no longer calls.
 */
class SyscallTapsetTest {
    private static final Path TAPSET = Path.of("src/main/resources/org/jstap/lang/tapset");
    private static final Path TABLE = Path.of("../sim-kernel/src/main/java/org/jstap/sim/arch/riscv/SyscallTable.java");
    private static final Pattern KERNEL_FN = Pattern.compile("\\b(__do_sys_\\w+|do_\\w+)\\(");

    /** One alias declaration: its names and the kernel function (or alias) it probes. */
    record Alias(List<String> names, String target) {}

    private static List<Alias> aliases(String file, String targetPattern) throws IOException {
        String text = Files.readString(TAPSET.resolve(file), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?m)^probe ([^=]+?) = " + targetPattern).matcher(text);
        List<Alias> out = new ArrayList<>();
        while (m.find()) {
            List<String> names = new ArrayList<>();
            for (String n : m.group(1).split(",")) {
                names.add(n.strip());
            }
            out.add(new Alias(names, m.group(2) + (m.groupCount() > 2 && m.group(3) != null ? m.group(3) : "")));
        }
        return out;
    }

    /** The syscall table: name -> the kernel functions its entry (or the helper it calls) runs. */
    private static Map<String, Set<String>> table() throws IOException {
        String src = Files.readString(TABLE, StandardCharsets.UTF_8);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher d = Pattern.compile("define\\(__NR_\\w+, \"(\\w+)\",(.*?)\\);\\n", Pattern.DOTALL).matcher(src);
        while (d.find()) {
            Set<String> fns = new TreeSet<>();
            Matcher f = KERNEL_FN.matcher(d.group(2));
            while (f.find()) {
                fns.add(f.group(1));
            }
            if (fns.isEmpty()) {
                // a helper such as unlinkat(vfs, r): the functions its body calls
                Matcher h = Pattern.compile("r -> (\\w+)\\(vfs, r\\)").matcher(d.group(2));
                assertTrue(h.find(), "no kernel function for " + d.group(1));
                Matcher body = Pattern.compile("private static long " + h.group(1) + "\\(.*?\\n    }\\n",
                        Pattern.DOTALL).matcher(src);
                assertTrue(body.find(), h.group(1));
                Matcher g = KERNEL_FN.matcher(body.group());
                while (g.find()) {
                    fns.add(g.group(1));
                }
            }
            out.put(d.group(1), fns);
        }
        return out;
    }

    @Test
    void table_everySyscallHasEntryAndReturnAliases() throws IOException {
        Map<String, Set<String>> table = table();
        assertTrue(table.size() >= 97, "parsed " + table.size() + " syscalls");
        List<Alias> entries = aliases("syscalls.stp", "kernel\\.function\\(\"(\\w+)\"\\)( \\{)");
        List<Alias> returns = aliases("syscalls.stp", "kernel\\.function\\(\"(\\w+)\"\\)(\\.return)");
        Set<String> probedEntry = new TreeSet<>();
        Set<String> probedReturn = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (var e : table.entrySet()) {
            String fn = null;
            for (Alias a : entries) {
                if (a.names().contains("syscall." + e.getKey())) {
                    fn = a.target().replace(" {", "");
                }
            }
            if (fn == null || !e.getValue().contains(fn)) {
                missing.add("syscall." + e.getKey() + " (on " + e.getValue() + ", found " + fn + ")");
            }
            String rfn = null;
            for (Alias a : returns) {
                if (a.names().contains("syscall." + e.getKey() + ".return")) {
                    rfn = a.target().replace(".return", "");
                }
            }
            if (rfn == null || !rfn.equals(fn)) {
                missing.add("syscall." + e.getKey() + ".return (found " + rfn + ")");
            }
        }
        for (Alias a : entries) {
            probedEntry.add(a.target().replace(" {", ""));
        }
        for (Alias a : returns) {
            probedReturn.add(a.target().replace(".return", ""));
        }
        assertEquals(List.of(), missing, "syscalls without their tapset aliases");
        Set<String> called = new TreeSet<>();
        table.values().forEach(called::addAll);
        // each function the table calls is probed, and each probed function is one the table calls
        assertEquals(called, probedEntry, "entry aliases vs the table's functions");
        assertEquals(called, probedReturn, "return aliases vs the table's functions");
        // one declaration per function, so syscall.* sees each call once
        assertEquals(probedEntry.size(), entries.size(), "a function probed by two entry declarations");
        assertEquals(probedReturn.size(), returns.size(), "a function probed by two return declarations");
    }

    @Test
    void ndSyscalls_mirrorEverySyscallDeclaration() throws IOException {
        List<Alias> sys = aliases("syscalls.stp", "kernel\\.function\\(\"(\\w+)\"\\)(.return)?");
        List<Alias> nd = aliases("nd_syscalls.stp", "(syscall\\.[\\w.]+)()");
        assertEquals(sys.size(), nd.size(), "nd_syscall declarations");
        for (int i = 0; i < sys.size(); i++) {
            List<String> want = sys.get(i).names().stream().map(n -> "nd_" + n).toList();
            assertEquals(want, nd.get(i).names(), "names of declaration " + i);
            assertEquals(sys.get(i).names().get(0), nd.get(i).target().strip(), "target of " + want);
        }
    }
}
