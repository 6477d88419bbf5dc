package dev.jpool.process;

import dev.jpool.pool.WorkerException;
import dev.jpool.protocol.TaskFailure;

/** A worker's answer that its task threw: the failure as the worker reported it. Internal. */
public final class TaskFailedException extends WorkerException {
    private static final long serialVersionUID = 1L;

    private final transient TaskFailure failure;
    private final String worker;

    public TaskFailedException(String worker, String task, TaskFailure failure) {
        super(task + " failed in " + worker + ": " + failure.error()
                + (failure.message() == null ? "" : ": " + failure.message()));
        this.failure = failure;
        this.worker = worker;
    }

    /** The failure as the worker sent it. */
    public TaskFailure failure() {
        return failure;
    }

    /** "worker 0 (pid 1234)". */
    public String worker() {
        return worker;
    }

    /** The stack trace printed in the worker JVM. */
    public String remoteStackTrace() {
        return failure.stackTrace();
    }
}
