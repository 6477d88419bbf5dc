package dev.jpool.testing;

import dev.jpool.task.Task;
import java.util.concurrent.atomic.AtomicInteger;

/** An initializer that sets this JVM's greeting, and a task that uses it. */
public final class Greeting {
    static volatile String greeting = "(not initialised)";
    static final AtomicInteger INITIALISED = new AtomicInteger();

    private Greeting() {
    }

    /** The initializer: runs once per worker. */
    public static final class Init implements Task<String, String> {
        @Override
        public String apply(String text) {
            greeting = text;
            INITIALISED.incrementAndGet();
            return text;
        }
    }

    /** The task: greets its input, and says how often this JVM was initialised. */
    public static final class Greet implements Task<String, String> {
        @Override
        public String apply(String name) {
            return greeting + ", " + name + " (" + INITIALISED.get() + ")";
        }
    }
}
