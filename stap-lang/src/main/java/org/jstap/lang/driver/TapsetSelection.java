package org.jstap.lang.driver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jstap.lang.diag.SourceFile;

/**
 * Which library scripts a script can use, found without parsing them: a library file is needed
 * when it defines a probe alias, function or global whose name (an alias's first component,
 * {@code syscall} of {@code syscall.open}) appears as a word in the script or in a file already
 * needed. Parsing only those is most of what makes pass 1 of a one-liner fast; the word scan
 * over-includes (a word in a comment or a string counts), never under-includes, as elaboration
 * only pulls definitions by those names. stap also elaborates only the library files a script
 * refers to, but parses them all first.
 *
 * <pre>{@code
 * List<SourceFile> needed = TapsetSelection.needed(script.text(), library);
 * }</pre>
 */
final class TapsetSelection {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ALIAS = Pattern.compile("(?m)^\\s*probe\\s+([^={]+?)\\s*\\+?=");
    private static final Pattern FUNCTION = Pattern.compile("(?m)^\\s*(?:private\\s+)?function\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^\\s*(?:private\\s+)?global\\s+([^\\n;]*)");

    private TapsetSelection() {}

    /** The files of {@code library} that {@code script} may use, directly or through each other, in library order. */
    static List<SourceFile> needed(String script, List<SourceFile> library) {
        Set<String> words = words(script);
        List<Set<String>> defines = library.stream().map(f -> defines(f.text())).toList();
        boolean[] in = new boolean[library.size()];
        for (boolean grew = true; grew;) {
            grew = false;
            for (int i = 0; i < library.size(); i++) {
                if (!in[i] && defines.get(i).stream().anyMatch(words::contains)) {
                    in[i] = true;
                    words.addAll(words(library.get(i).text()));
                    grew = true;
                }
            }
        }
        List<SourceFile> out = new ArrayList<>();
        for (int i = 0; i < library.size(); i++) {
            if (in[i]) {
                out.add(library.get(i));
            }
        }
        return out;
    }

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The names a library file defines: its aliases' first components, its functions and globals. */
    static Set<String> defines(String text) {
        Set<String> out = new HashSet<>();
        Matcher a = ALIAS.matcher(text);
        while (a.find()) {
            for (String point : a.group(1).split(",")) {
                Matcher first = WORD.matcher(point.strip());
                if (first.lookingAt()) {
                    out.add(first.group());
                }
            }
        }
        Matcher f = FUNCTION.matcher(text);
        while (f.find()) {
            out.add(f.group(1));
        }
        Matcher g = GLOBAL.matcher(text);
        while (g.find()) {
            for (String decl : g.group(1).split(",")) {
                Matcher name = WORD.matcher(decl.strip());
                if (name.lookingAt()) {
                    out.add(name.group());
                }
            }
        }
        return out;
    }
}
