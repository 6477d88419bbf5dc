package dev.jpool.protocol;

/**
 * A task's output that cannot travel back to the caller as JSON: a lambda or other class another
 * JVM cannot load, a value Jackson cannot write, or JSON the caller cannot read back as the task's
 * declared output type (CPython's {@code MaybeEncodingError}). It fails the input whose output it
 * is; its message names the output's type.
 */
public final class OutputNotSendableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputNotSendableException(String message, Throwable cause) {
        super(message, cause);
    }
}
