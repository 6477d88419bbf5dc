package dev.jpool.process;

import dev.jpool.host.ProcessTree;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every live worker JVM this JVM started, ended with what it started when this JVM shuts down
 * (Ctrl-C, SIGTERM, exit): SIGTERM, then SIGKILL after a short grace, so that a stopped worker
 * goes too.
 */
final class LiveProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // Once now, with nothing to end: every class the hook needs is loaded before it runs. A class
        // loader may be closed by then (mvn exec:java closes the one jpool came from when main returns),
        // and a class still to be loaded from it would fail the hook with a NoClassDefFoundError.
        endAll();
        Runtime.getRuntime().addShutdownHook(new Thread(LiveProcesses::endAll, "jpool-worker-reaper"));
    }

    private static void endAll() {
        ProcessTree.end(LIVE.stream().map(Process::toHandle).toList());
    }

    private LiveProcesses() {
    }

    /** Watches {@code process} until it exits; completes with this JVM's clock when it was seen to. */
    static java.util.concurrent.CompletableFuture<Long> watch(Process process) {
        LIVE.add(process);
        return process.onExit().thenApply(p -> {
            LIVE.remove(p);
            return System.nanoTime();
        });
    }
}
