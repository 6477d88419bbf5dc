package dev.jpool.launcher.jsonl;

import dev.jpool.task.Task;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds a user's task class by name on a classpath they give, the way a worker JVM will. */
public final class TaskLoader {
    private TaskLoader() {
    }

    /** The entries of a classpath option; each must exist. */
    public static List<Path> entries(String classpath) {
        List<Path> entries = new ArrayList<>();
        if (classpath == null || classpath.isBlank()) {
            return entries;
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath entry " + entry + " does not exist");
            }
            entries.add(path);
        }
        return entries;
    }

    /**
     * An instance of the named task class, loaded from {@code entries} (then jpool's own classpath).
     *
     * @throws IllegalArgumentException saying what is wrong with the class
     */
    @SuppressWarnings("unchecked")
    public static Task<Object, Object> load(String className, List<Path> entries) {
        URL[] urls = entries.stream().map(TaskLoader::url).toArray(URL[]::new);
        ClassLoader loader = new URLClassLoader(urls, TaskLoader.class.getClassLoader());
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--task " + className + ": no such class on "
                    + (entries.isEmpty() ? "jpool's classpath (give yours with --classpath)" : "--classpath " + entries)
                    + (e instanceof LinkageError ? " (" + e + ")" : ""));
        }
        if (!Task.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("--task " + className + " does not implement " + Task.class.getName());
        }
        try {
            return (Task<Object, Object>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("--task " + className + " cannot be made with a public no-argument"
                    + " constructor: " + e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--classpath entry " + path + ": " + e.getMessage(), e);
        }
    }
}
