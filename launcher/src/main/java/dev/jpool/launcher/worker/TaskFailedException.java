package dev.jpool.launcher.worker;

import dev.jpool.protocol.TaskFailure;

/** A task that threw inside a worker JVM. Carries the worker-side stack trace as text. */
public final class TaskFailedException extends WorkerException {
    private static final long serialVersionUID = 1L;

    private final String remoteStackTrace;

    public TaskFailedException(String worker, String task, TaskFailure failure) {
        super(task + " failed in " + worker + ": " + failure.error()
                + (failure.message() == null ? "" : ": " + failure.message()));
        this.remoteStackTrace = failure.stackTrace();
    }

    /** The stack trace printed in the worker JVM. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
