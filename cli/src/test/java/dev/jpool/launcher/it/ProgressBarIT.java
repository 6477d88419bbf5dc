package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar on a real terminal: the jar runs under {@code script}, which gives it a
 * pseudo-terminal as stdin, stdout and stderr. The bar shows there, and not when stderr is a
 * file, even though stdout still is the terminal.
 */
class ProgressBarIT {
    private static final Path JAR = Path.of(System.getProperty("jpool.jar", "target/jpool.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path dir;

    private String underATerminal(String shellCommand) throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/script").canExecute(), "util-linux script gives a pseudo-terminal");
        Path typescript = dir.resolve("typescript");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", shellCommand, typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("script-output").toFile());
        builder.environment().remove("CI"); // CI runs this test too; the bar is off under CI by design
        Process script = builder.start();
        assertTrue(script.waitFor(120, TimeUnit.SECONDS), "the run ended");
        assertEquals(0, script.exitValue(), Files.readString(dir.resolve("script-output")));
        return Files.readString(typescript, StandardCharsets.UTF_8);
    }

    private String jpool(String args) {
        return "'" + JAVA + "' -jar '" + JAR.toAbsolutePath() + "' " + args;
    }

    @Test
    void aLongRunOnATerminalShowsAProgressBarOnStderr() throws Exception {
        String screen = underATerminal(jpool("pi --samples 1e9 --workers 2 --mode thread"));
        assertTrue(screen.contains("thread x2") && screen.contains("M samples") && screen.contains("%"), screen);
        assertTrue(screen.contains("jpool pi: thread mode"), "and then the report: " + screen);
    }

    @Test
    void noBarWhenStderrIsAFileOrWithQuiet() throws Exception {
        Path err = dir.resolve("stderr.txt");
        String screen = underATerminal(jpool("pi --samples 1e9 --workers 2 --mode thread 2> '" + err + "'"));
        assertTrue(screen.contains("jpool pi: thread mode"), screen);
        assertFalse(Files.readString(err).contains("M samples"), Files.readString(err));
        String quiet = underATerminal(jpool("pi --samples 1e9 --workers 2 --mode thread -q"));
        assertFalse(quiet.contains("M samples"), quiet);
    }
}
