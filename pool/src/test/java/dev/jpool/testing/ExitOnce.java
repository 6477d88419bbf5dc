package dev.jpool.testing;

import dev.jpool.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kills its JVM the first time it sees a marker path (creating it), and answers "ok" after that: a flaky death. */
public final class ExitOnce implements Task<String, String> {
    @Override
    public String apply(String marker) throws IOException {
        Path path = Path.of(marker);
        if (!Files.exists(path)) {
            Files.createFile(path);
            Runtime.getRuntime().halt(9);
        }
        return "ok";
    }
}
