package dev.jpool.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Ends processes and everything they started, whatever state they are in, as Surefire does for
 * its forks: the whole tree is listed first (a process's children are no longer its descendants
 * once it has died), then each gets SIGTERM, and what is still there after a short grace, a
 * stopped process (SIGSTOP) among them, whose SIGTERM waits until it runs again, gets SIGKILL.
 */
public final class ProcessTree {
    /** How long the processes of a tree get to exit on SIGTERM before SIGKILL. */
    public static final Duration GRACE = Duration.ofMillis(500);

    private ProcessTree() {
    }

    /** Ends the processes and their descendants; returns once they are gone or after {@link #GRACE} and SIGKILL. */
    public static void end(List<ProcessHandle> roots) {
        List<ProcessHandle> tree = new ArrayList<>();
        for (ProcessHandle root : roots) {
            try {
                // descendants first: they are listed before the root dies and orphans them
                Stream.concat(root.descendants(), Stream.of(root)).forEach(tree::add);
            } catch (RuntimeException e) {
                tree.add(root);
            }
        }
        tree.removeIf(process -> process.pid() == ProcessHandle.current().pid());
        tree.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some are still there: SIGKILL below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Ends every process this JVM started, and what they started (this JVM itself stays). */
    public static void endDescendantsOfThisJvm() {
        try {
            end(ProcessHandle.current().children().toList());
        } catch (RuntimeException e) {
            // nothing more can be done at this point
        }
    }
}
