package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar jpool.jar ARGS} as a user runs it, with this test JVM's own java. */
public final class JarCommand {
    /** The jar failsafe tests (system property {@code jpool.jar}, else the module's own). */
    public static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar"));
    public static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private JarCommand() {
    }

    public static List<String> of(String... args) {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR);
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }
}
