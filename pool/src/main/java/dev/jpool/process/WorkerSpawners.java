package dev.jpool.process;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Launchers that start a worker JVM's command somewhere other than as a child of this JVM, named
 * by the first word of a {@link WorkerCommandLine#prefix() launch prefix}: a worker whose prefix
 * is {@code [word]} for a registered {@code word} is started by that spawner, which gets the
 * JVM's own command (without the prefix) and the extra environment, and returns a {@link Process}
 * that stands for it (e.g. a worker started by a per-node agent, its pipes carried over the
 * agent's channel). Any other prefix is run as a command, as before.
 */
public final class WorkerSpawners {
    /** Starts a worker JVM's command; fails as {@link ProcessBuilder#start} does. */
    @FunctionalInterface
    public interface Spawner {
        Process start(List<String> command, Map<String, String> environment) throws IOException;
    }

    private static final Map<String, Spawner> SPAWNERS = new ConcurrentHashMap<>();

    private WorkerSpawners() {
    }

    /** Starts workers whose launch prefix is {@code [word]} with {@code spawner}. */
    public static void register(String word, Spawner spawner) {
        SPAWNERS.put(word, spawner);
    }

    public static void unregister(String word) {
        SPAWNERS.remove(word);
    }

    /** The worker's process: from its registered spawner, else {@code builder.start()}. */
    static Process start(WorkerCommandLine commandLine, Map<String, String> environment, ProcessBuilder builder)
            throws IOException {
        Spawner spawner = commandLine.prefix().size() == 1 ? SPAWNERS.get(commandLine.prefix().get(0)) : null;
        return spawner == null ? builder.start() : spawner.start(commandLine.withPrefix(List.of()).command(), environment);
    }
}
