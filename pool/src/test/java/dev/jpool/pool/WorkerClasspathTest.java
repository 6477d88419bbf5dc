package dev.jpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.testing.IsolatedDriver;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ProcessPool made from a class loader of the caller's own, in a JVM whose java.class.path holds
 * nothing of jpool (as {@code mvn exec:java}, an IDE runner or an application server have it),
 * still starts worker JVMs that run the caller's task.
 */
class WorkerClasspathTest {
    /** A program run from source (so its java.class.path is an empty directory) that loads jpool through a URLClassLoader. */
    private static final String BOOT = """
            import java.net.URL;
            import java.net.URLClassLoader;
            import java.nio.file.Path;

            public class Boot {
                public static void main(String[] args) throws Exception {
                    URL[] urls = new URL[args.length - 1];
                    for (int i = 1; i < args.length; i++) {
                        urls[i - 1] = Path.of(args[i]).toUri().toURL();
                    }
                    // parent: the platform loader, so nothing comes from java.class.path; the context
                    // loader is left as it is (the application loader), so jpool must look at its own
                    ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
                    Class.forName(args[0], true, loader).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void workersStartFromAClassLoaderThatIsNotTheClasspath() throws Exception {
        Path boot = dir.resolve("Boot.java");
        Files.writeString(boot, BOOT);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", empty.toString(), boot.toString(), IsolatedDriver.class.getName()));
        for (Class<?> type : List.of(ProcessPool.class, IsolatedDriver.class, ObjectMapper.class, JsonFactory.class,
                JsonProperty.class, CommandLine.class)) {
            command.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM exited");
        assertEquals(0, child.exitValue(), output);
        String classpath = output.lines().filter(line -> line.startsWith("java.class.path=")).findFirst().orElseThrow();
        assertFalse(classpath.contains("jpool") || classpath.contains("jackson") || classpath.contains(File.pathSeparator),
                "the driver's JVM has jpool on its class path after all: " + classpath);
        assertTrue(output.contains("squares=[4, 9, 16]"), output);
    }
}
