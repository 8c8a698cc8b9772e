package org.jstap.lang.bench;

/** Synthetic scripts of a given size that use most of the language, for benchmarks. */
public final class Scripts {
    private Scripts() {}

    /** A well-typed script of about {@code lines} lines: globals, functions and probes in blocks of 25 lines. */
    public static String lines(int lines) {
        StringBuilder s = new StringBuilder();
        int blocks = Math.max(1, lines / 25);
        for (int b = 0; b < blocks; b++) {
            s.append("global count").append(b).append(", name").append(b).append(", hits").append(b)
                    .append("[100], lat").append(b).append('\n');
            s.append("function f").append(b).append(":long(x:long, s:string) {\n");
            s.append("  if (x > 10 && strlen_like").append(b).append("(s) < 3)\n");
            s.append("    return x * 2 + (x % 7) - (x >> 1)\n");
            s.append("  else\n");
            s.append("    return x - 1\n");
            s.append("}\n");
            s.append("function strlen_like").append(b).append(":long(s:string) {\n");
            s.append("  n = 0; t = s . \"\"\n");
            s.append("  while (n < 10) { n++; if (t == \"x\") break }\n");
            s.append("  return n\n");
            s.append("}\n");
            s.append("probe begin(").append(b).append(") {\n");
            s.append("  count").append(b).append(" = f").append(b).append("(").append(b).append(", \"abc\")\n");
            s.append("  name").append(b).append(" = sprintf(\"%s-%d\", \"n\", count").append(b).append(")\n");
            s.append("  for (i = 0; i < 5; i++) hits").append(b).append("[i, name").append(b).append("] += i\n");
            s.append("  lat").append(b).append(" <<< count").append(b).append("\n");
            s.append("  printf(\"%d %s\\n\", count").append(b).append(", name").append(b).append(")\n");
            s.append("}\n");
            s.append("probe end {\n");
            s.append("  foreach ([k, v] in hits").append(b).append("- limit 3) printf(\"%d %s %d\\n\", k, v, hits")
                    .append(b).append("[k, v])\n");
            s.append("  if ([1, \"x\"] in hits").append(b).append(") delete hits").append(b).append("[1, \"x\"]\n");
            s.append("  println(@count(lat").append(b).append("), \" \", @avg(lat").append(b).append("))\n");
            s.append("  x = count").append(b).append(" > 3 ? \"big\" : \"small\"; println(x)\n");
            s.append("}\n");
        }
        return s.toString();
    }
}
