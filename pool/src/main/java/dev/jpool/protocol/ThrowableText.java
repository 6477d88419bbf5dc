package dev.jpool.protocol;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What a task's exception says, taken so that describing it can never fail: its class name, its
 * message and its stack trace, each read inside its own guard (a task's exception may override
 * {@code getMessage()}, {@code toString()} or {@code getCause()} with code that throws), and each
 * cut to {@link #MAX_CHARS}, so that a huge message still fits a protocol line.
 */
public final class ThrowableText {
    /** Longest message or stack trace kept, in chars; the rest is replaced by a note of its length. */
    public static final int MAX_CHARS = 64 * 1024;

    private ThrowableText() {
    }

    /** The exception's class name. */
    public static String className(Throwable t) {
        return t.getClass().getName();
    }

    /** Its message, cut to {@link #MAX_CHARS}; null if it has none; a note if reading it threw. */
    public static String message(Throwable t) {
        try {
            return bounded(t.getMessage());
        } catch (Throwable describing) {
            return "(its getMessage() threw " + describing.getClass().getName() + ")";
        }
    }

    /**
     * Its stack trace as {@link Throwable#printStackTrace()} writes it, cut to {@link #MAX_CHARS};
     * if that throws, the frames alone, as far as they can be read.
     */
    public static String stackTrace(Throwable t) {
        try {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            return bounded(trace.toString());
        } catch (Throwable describing) {
            StringBuilder frames = new StringBuilder(className(t)).append(" (describing it threw ")
                    .append(describing.getClass().getName()).append(')');
            try {
                for (StackTraceElement frame : t.getStackTrace()) {
                    frames.append(System.lineSeparator()).append("\tat ").append(frame);
                    if (frames.length() > MAX_CHARS) {
                        break;
                    }
                }
            } catch (Throwable again) {
                // the class name is all there is
            }
            return bounded(frames.toString());
        }
    }

    /** {@code String.valueOf(value)}, cut to {@link #MAX_CHARS}; a note if its {@code toString()} threw. */
    public static String valueOf(Object value) {
        try {
            return bounded(String.valueOf(value));
        } catch (Throwable describing) {
            return "(a " + value.getClass().getName() + " whose toString() threw " + describing.getClass().getName() + ")";
        }
    }

    private static String bounded(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + "... (" + text.length() + " chars in all)";
    }
}
