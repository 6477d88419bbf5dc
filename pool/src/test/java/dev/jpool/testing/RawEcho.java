package dev.jpool.testing;

import dev.jpool.task.Task;

/** A task written against the raw type, as old code may be: it declares no input type, so it gets JSON as Java's plain values. */
@SuppressWarnings("rawtypes")
public final class RawEcho implements Task {
    @Override
    public Object apply(Object input) {
        return input;
    }
}
