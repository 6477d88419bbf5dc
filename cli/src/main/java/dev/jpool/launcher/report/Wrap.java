package dev.jpool.launcher.report;

import java.io.PrintWriter;

/** Prose under a table, wrapped at spaces so that a report fits {@link #WIDTH} columns. */
final class Wrap {
    /** The width text reports fit by default. */
    static final int WIDTH = 100;

    private Wrap() {
    }

    /**
     * Prints {@code text} in lines of at most {@code width} columns, the first starting with
     * {@code indent} and the rest with {@code indent} and two more spaces; a word longer than a
     * line gets a line of its own.
     */
    static void print(PrintWriter out, String text, String indent, int width) {
        String next = indent + "  ";
        StringBuilder line = new StringBuilder(indent);
        boolean empty = true;
        for (String word : text.strip().split(" +")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                out.println(line);
                line = new StringBuilder(next);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        out.println(line);
    }

    static void print(PrintWriter out, String text, String indent) {
        print(out, text, indent, WIDTH);
    }
}
