package org.jstap.lang.diag;

import java.util.Arrays;

/**
 * A script or tapset file as read. Spans are offsets into {@link #text()};
 * line and column are computed only when a message is printed.
 *
 * <pre>{@code
 * SourceFile f = new SourceFile("<input>", "probe begin {}");
 * f.line(6); // 1
 * }</pre>
 */
public final class SourceFile {
    private final String name;
    private final String text;
    private final boolean library;
    private int[] lineStarts;

    public SourceFile(String name, String text) {
        this(name, text, false);
    }

    public SourceFile(String name, String text, boolean library) {
        this.name = name;
        this.text = text;
        this.library = library;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** True for tapset files, which stap reports differently and never auto-prints. */
    public boolean library() {
        return library;
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of an offset. */
    public int column(int offset) {
        return offset - lineStarts()[line(offset) - 1] + 1;
    }

    /** The text of a 1-based line, without its terminator. */
    public String lineText(int line) {
        int[] starts = lineStarts();
        int from = starts[line - 1];
        int to = line < starts.length ? starts[line] : text.length();
        while (to > from && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r')) {
            to--;
        }
        return text.substring(from, to);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[n++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    @Override
    public String toString() {
        return name;
    }
}
