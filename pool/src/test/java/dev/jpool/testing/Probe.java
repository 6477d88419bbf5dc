package dev.jpool.testing;

import dev.jpool.task.Task;

/** Reads the worker's environment variable or system property named by its input ("env:X" or "prop:y"). */
public final class Probe implements Task<String, String> {
    @Override
    public String apply(String what) {
        return what.startsWith("env:") ? System.getenv(what.substring(4)) : System.getProperty(what.substring(5));
    }
}
