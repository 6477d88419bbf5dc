package dev.jpool.pool;

/**
 * A task threw. Names the task class, the input it failed on (and its position), the worker that
 * ran it (a pid, or a thread), and carries the stack trace as the worker printed it, as text: a
 * worker JVM's exception objects do not cross the process boundary, their story does.
 *
 * <p>Its cause is where the task failed: the exception itself in a {@link ThreadPool}; in a
 * {@link ProcessPool} a {@link RemoteTraceback} rebuilt from the worker's text, with the original
 * class name, message, frames and causes. So {@code printStackTrace()} and loggers print the
 * task's own frames under {@code Caused by:}.
 */
public final class TaskException extends PoolException {
    private static final long serialVersionUID = 1L;

    private final String task;
    private final String input;
    private final int inputIndex;
    private final String worker;
    private final String errorClass;
    private final String errorMessage;
    private final String remoteStackTrace;

    /**
     * @param task             the task's class name
     * @param input            the failing input, as text
     * @param inputIndex       its position among the inputs of the call, or -1 when no input failed
     *                         (the task could not be loaded at all)
     * @param worker           e.g. "worker 1 (pid 4242)" or "thread jpool-thread-0"
     * @param errorClass       the exception's class name in the worker
     * @param errorMessage     its message, possibly null
     * @param remoteStackTrace the stack trace printed where the task ran
     * @param cause            the exception itself when the task ran in this JVM, else its
     *                         {@link RemoteTraceback}
     */
    public TaskException(String task, String input, int inputIndex, String worker, String errorClass,
                         String errorMessage, String remoteStackTrace, Throwable cause) {
        this(task, input, inputIndex, "input #" + inputIndex, worker, errorClass, errorMessage, remoteStackTrace, cause);
    }

    /** As above, the failing input named {@code inputName} in the message (see {@link NamedInputs}). */
    TaskException(String task, String input, int inputIndex, String inputName, String worker, String errorClass,
                  String errorMessage, String remoteStackTrace, Throwable cause) {
        super(task + (inputIndex >= 0 ? " failed on " + inputName + " (" + input + ")" : " could not run")
                + " in " + worker + ": " + errorClass + (errorMessage == null ? "" : ": " + errorMessage), cause);
        this.task = task;
        this.input = input;
        this.inputIndex = inputIndex;
        this.worker = worker;
        this.errorClass = errorClass;
        this.errorMessage = errorMessage;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** The task's class name. */
    public String task() {
        return task;
    }

    /** The failing input as text (JSON for a worker JVM), or null. */
    public String input() {
        return input;
    }

    /** The failing input's position among the call's inputs, -1 if none. */
    public int inputIndex() {
        return inputIndex;
    }

    /** Which worker ran it: "worker 1 (pid 4242)" or "thread jpool-thread-0". */
    public String worker() {
        return worker;
    }

    /** The class name of the exception the task threw. */
    public String errorClass() {
        return errorClass;
    }

    /** The message of the exception the task threw, possibly null. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The stack trace as printed where the task ran. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
