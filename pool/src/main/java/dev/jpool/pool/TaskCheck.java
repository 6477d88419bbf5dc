package dev.jpool.pool;

import dev.jpool.task.Task;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

/**
 * Refuses, before anything is sent, a task a worker JVM could not make for itself: a worker gets
 * only the class name, so the class must be a public, loadable, top-level or static nested class
 * with a public no-argument constructor, on the worker's classpath. This is the JVM's version of
 * Python's pickling limit, reported where the mistake is made instead of later in a worker.
 */
final class TaskCheck {
    private static final String HOW = "; write the task as a public class with a public no-argument constructor"
            + " implementing dev.jpool.task.Task, on the worker classpath, or make it a dev.jpool.task.SerializableTask"
            + " (a lambda cast to one travels serialized, with what it captures)";

    private TaskCheck() {
    }

    static void requireSendable(Task<?, ?> task, List<Path> workerClasspath) {
        Class<?> type = task.getClass();
        if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")) {
            refuse("a lambda cannot be sent to a worker JVM: a worker loads its task by class name, and a lambda"
                    + " has no name another JVM can load", type);
        }
        if (type.isAnonymousClass() || type.isLocalClass()) {
            refuse("an anonymous or local class cannot be made by a worker JVM: it has no name another JVM can load",
                    type);
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            refuse("an inner class needs an instance of its outer class, which a worker JVM does not have", type);
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                refuse("the worker JVM cannot access " + c.getName() + ": it is not public", type);
            }
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                refuse("it has no public no-argument constructor", type);
            }
        } catch (NoSuchMethodException e) {
            refuse("it has no public no-argument constructor, so a worker JVM cannot make one", type);
        }
        requireOnClasspath(type, workerClasspath);
    }

    /** Refuses a task whose class (a lambda's: the class that wrote it) a worker JVM would not find. */
    static void requireOnClasspath(Class<?> type, List<Path> workerClasspath) {
        Path source = location(type);
        if (source != null && workerClasspath.stream().noneMatch(entry -> sameFile(entry, source))) {
            refuse("it comes from " + source + ", which is not on the worker classpath (add it with"
                    + " ProcessPoolOptions.withClasspath, or --classpath on the command line)", type);
        }
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null; // the JDK's own classes: every worker has them
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The same file, even if one of the two paths goes through a symbolic link (as a jar started from a linked directory does). */
    private static boolean sameFile(Path entry, Path source) {
        if (entry.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(entry) && Files.exists(source) && Files.isSameFile(entry, source);
        } catch (IOException e) {
            return false;
        }
    }

    private static void refuse(String why, Class<?> type) {
        throw new IllegalArgumentException("ProcessPool cannot run " + type.getName() + ": " + why + HOW);
    }
}
