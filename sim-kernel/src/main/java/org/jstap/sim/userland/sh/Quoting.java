package org.jstap.sim.userland.sh;

/**
 * Quoting for the shell: the word that, read back by {@link Parser}, means exactly the given text
 * (what {@code printf %q} and {@code set} do).
 */
public final class Quoting {
    private Quoting() {}

    /** {@code text} as one shell word: left alone when nothing in it is special, else in single quotes. */
    public static String quote(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                || "_./-+,:=@%^".indexOf(c) >= 0))) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
