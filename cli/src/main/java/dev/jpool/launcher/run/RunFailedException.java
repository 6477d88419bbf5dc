package dev.jpool.launcher.run;

/** A run that could not produce a result. Its message says which worker and why. */
public final class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
