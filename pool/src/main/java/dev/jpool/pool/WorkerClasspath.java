package dev.jpool.pool;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath a worker JVM gets, and the entries it will search for classes.
 *
 * <p>Not only {@code java.class.path}: under {@code mvn exec:java}, in an IDE's or a test runner's
 * class loader, or in an application that loads jpool itself, the classes a worker needs are not
 * on this JVM's classpath but in a class loader of the container's. So the classpath is made from
 * where the classes are: this JVM's classpath, the file URLs of the context class loader and of
 * jpool's own loader (and their parents), the code sources of the worker's own classes and of
 * Jackson, and what the caller adds. Classes that come from elsewhere than a file or directory
 * (nested jars of a Spring Boot fat jar, a web application's loader over a war) cannot be given to
 * another JVM this way: a task from there is refused by name, saying it is not on the worker classpath.
 */
final class WorkerClasspath {
    /** Classes every worker JVM needs: its main class and the Jackson it reads and writes JSON with. */
    private static final List<Class<?>> WORKER_CLASSES = List.of(WorkerMain.class, ObjectMapper.class,
            JsonFactory.class, JsonProperty.class);

    private WorkerClasspath() {
    }

    /** The worker classpath, as one {@code -cp} string, with {@code extra} entries last. */
    static String of(List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                WorkerClasspath.class.getClassLoader()}) {
            for (ClassLoader l = loader; l != null; l = l.getParent()) {
                if (l instanceof URLClassLoader urls) {
                    for (URL url : urls.getURLs()) {
                        file(url).ifPresent(path -> entries.add(path.toString()));
                    }
                }
            }
        }
        for (Class<?> type : WORKER_CLASSES) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                file(source.getLocation()).ifPresent(path -> entries.add(path.toString()));
            }
        }
        for (Path entry : extra) {
            entries.add(entry.toAbsolutePath().normalize().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The file or directory a URL names, if it is a {@code file:} URL (a JVM's -cp takes only those). */
    private static Optional<Path> file(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every entry of {@code classpath}, plus what its jars' manifests add (as test runners' booter jars do). */
    static List<Path> entries(String classpath) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries, 0);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries, int depth) {
        if (!entries.add(entry) || depth > 3 || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String more = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (more == null) {
                return;
            }
            URI base = entry.getParent().toUri();
            for (String relative : more.trim().split("\\s+")) {
                try {
                    add(Path.of(base.resolve(new URI(relative))).normalize(), entries, depth + 1);
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // an entry the JVM would ignore too
                }
            }
        } catch (IOException e) {
            // not a jar: the JVM ignores it as well
        }
    }
}
