package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command run to its end with a bound: its exit status, stdout and stderr. */
public record Command(List<String> words, int exit, String out, String err) {
    /** The repository root: where users submit from. */
    public static final Path ROOT = Path.of(System.getProperty("jpool.root", "..")).toAbsolutePath().normalize();
    /** The packaged jar, as the README's build command leaves it. */
    public static final Path JAR = ROOT.resolve("cli/target/jpool.jar");

    public static Command run(Duration limit, String... words) throws Exception {
        return run(ROOT, Map.of(), limit, words);
    }

    /** Runs {@code words} in {@code dir} with {@code env} added to this JVM's environment, stdin empty. */
    public static Command run(Path dir, Map<String, String> env, Duration limit, String... words) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(words).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = readAll(process.getInputStream());
        CompletableFuture<String> err = readAll(process.getErrorStream());
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", words) + " did not finish within " + limit.toSeconds() + " s");
        }
        return new Command(Arrays.asList(words), process.exitValue(), out.get(10, TimeUnit.SECONDS),
                err.get(10, TimeUnit.SECONDS));
    }

    /**
     * All of {@code in}, read on a thread of its own: not the common pool's, which may have a single
     * thread (on 2 cores, and always on JDK 25), where a long read would hold up every other one.
     */
    public static CompletableFuture<String> readAll(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(read(in));
            } catch (RuntimeException e) {
                text.completeExceptionally(e);
            }
        }, "command-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    public static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a failed assertion shows. */
    @Override
    public String toString() {
        return String.join(" ", words) + " exited " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
