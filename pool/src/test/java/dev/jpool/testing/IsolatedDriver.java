package dev.jpool.testing;

import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPool;
import java.util.List;

/**
 * Main class run by {@code WorkerClasspathTest} through a class loader of the test's own, in a JVM
 * whose {@code java.class.path} holds nothing of jpool (as under {@code mvn exec:java}): squares
 * three numbers on worker JVMs and prints the squares and this JVM's class path.
 */
public final class IsolatedDriver {
    private IsolatedDriver() {
    }

    public static void main(String[] args) {
        System.out.println("java.class.path=" + System.getProperty("java.class.path"));
        try (Pool pool = new ProcessPool(1)) {
            System.out.println("squares=" + pool.map(new Square(), List.of(2L, 3L, 4L)));
        }
    }
}
