package dev.jpool.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exception a task threw in a worker JVM, rebuilt in this one from the stack trace the worker
 * printed: the same class name and message, the worker's frames as its stack trace, and its
 * {@code Caused by:} chain as causes (CPython's {@code RemoteTraceback}). A {@link TaskException}
 * from a {@link ProcessPool} carries one as its cause, so {@code printStackTrace()} and every
 * logging framework show where the task failed.
 *
 * <p>It prints as the original exception would ({@code java.lang.IllegalStateException: 13 is
 * unlucky}); {@link #className()} is that class's name.
 */
public final class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String AT = "\tat ";
    private static final String CAUSED_BY = "Caused by: ";

    private final String className;

    private RemoteTraceback(String className, String message) {
        super(message);
        this.className = className;
    }

    /** The name of the class of the exception thrown in the worker. */
    public String className() {
        return className;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message != null ? className + ": " + message : className;
    }

    /**
     * Rebuilds the exception from what the worker sent.
     *
     * @param className  the exception's class name
     * @param message    its message, possibly null
     * @param stackTrace the text of its {@code printStackTrace()}, possibly null
     */
    public static RemoteTraceback of(String className, String message, String stackTrace) {
        RemoteTraceback top = new RemoteTraceback(className, message);
        if (stackTrace == null) {
            top.setStackTrace(new StackTraceElement[0]);
            return top;
        }
        RemoteTraceback current = top;
        List<StackTraceElement> frames = new ArrayList<>();
        StackTraceElement[] enclosing = new StackTraceElement[0];
        int depth = 0; // 0: the exception's own frames; >0 inside a "Suppressed:" block, skipped
        for (String line : stackTrace.split("\r?\n")) {
            if (line.startsWith(CAUSED_BY)) {
                current.setStackTrace(frames.toArray(StackTraceElement[]::new));
                enclosing = current.getStackTrace();
                String header = line.substring(CAUSED_BY.length());
                int colon = header.indexOf(": ");
                RemoteTraceback cause = colon < 0 ? new RemoteTraceback(header.trim(), null)
                        : new RemoteTraceback(header.substring(0, colon), header.substring(colon + 2));
                current.initCause(cause);
                current = cause;
                frames = new ArrayList<>();
                depth = 0;
            } else if (line.startsWith("\tSuppressed: ")) {
                depth = 1;
            } else if (depth == 0 && line.startsWith(AT)) {
                frames.add(frame(line.substring(AT.length())));
            } else if (depth == 0 && line.startsWith("\t... ") && line.endsWith(" more")) {
                int more = number(line.substring(5, line.length() - 5).trim());
                frames.addAll(Arrays.asList(enclosing).subList(Math.max(0, enclosing.length - more), enclosing.length));
            }
        }
        current.setStackTrace(frames.toArray(StackTraceElement[]::new));
        return top;
    }

    /** One frame as {@link StackTraceElement#toString()} writes it: {@code [loader/][module[@version]/]class.method(file:line)}. */
    static StackTraceElement frame(String text) {
        int open = text.indexOf('(');
        String where = open < 0 ? text : text.substring(0, open);
        String source = open < 0 ? "" : text.substring(open + 1, text.endsWith(")") ? text.length() - 1 : text.length());
        String[] parts = where.split("/", -1);
        String loader = parts.length >= 3 ? emptyToNull(parts[0]) : null;
        String module = parts.length >= 2 ? emptyToNull(parts[parts.length - 2]) : null;
        String version = null;
        if (module != null && module.contains("@")) {
            version = module.substring(module.indexOf('@') + 1);
            module = module.substring(0, module.indexOf('@'));
        }
        String qualified = parts[parts.length - 1];
        int dot = qualified.lastIndexOf('.');
        String declaring = dot < 0 ? qualified : qualified.substring(0, dot);
        String method = dot < 0 ? "" : qualified.substring(dot + 1);
        String file = null;
        int line = -1;
        if (source.equals("Native Method")) {
            line = -2;
        } else if (!source.equals("Unknown Source")) {
            int colon = source.lastIndexOf(':');
            file = colon < 0 ? source : source.substring(0, colon);
            line = colon < 0 ? -1 : number(source.substring(colon + 1));
        }
        return new StackTraceElement(loader, module, version, declaring, method, file, line);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
