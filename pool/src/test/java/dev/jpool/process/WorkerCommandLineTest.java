package dev.jpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerCommandLineTest {
    @Test
    void theCompileHintsAreHotSpotsOnlyAndTouchOnlyJpoolsClasses() {
        assertTrue(WorkerCommandLine.defaultJvmOptions("OpenJDK 64-Bit Server VM")
                .containsAll(WorkerCommandLine.OWN_CODE_COMPILE_HINTS));
        assertTrue(WorkerCommandLine.defaultJvmOptions("Java HotSpot(TM) 64-Bit Server VM")
                .containsAll(WorkerCommandLine.OWN_CODE_COMPILE_HINTS));
        List<String> openJ9 = WorkerCommandLine.defaultJvmOptions("Eclipse OpenJ9 VM");
        assertTrue(openJ9.stream().noneMatch(o -> o.startsWith("-XX:CompileCommand")), openJ9.toString());

        List<String> hints = WorkerCommandLine.OWN_CODE_COMPILE_HINTS;
        assertEquals("-XX:CompileCommand=quiet", hints.get(0), "quiet before any other CompileCommand");
        for (String hint : hints.subList(1, hints.size())) {
            String pattern = hint.split(",")[1];
            assertTrue(pattern.startsWith("dev.jpool.") && !pattern.startsWith("dev.jpool.pi"), hint);
        }
        assertFalse(WorkerCommandLine.DEFAULT_JVM_OPTIONS.stream().anyMatch(o -> o.startsWith("-XX:CompileThresholdScaling")),
                "no JIT threshold for the task's own code");
    }

    /** A worker's stdout is the protocol channel: its default options must not write there as the JVM starts. */
    @Test
    void aJvmGivenTheDefaultOptionsWritesNothingOnStdout() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(WorkerCommandLine.ofThisJvm().java());
        command.addAll(WorkerCommandLine.DEFAULT_JVM_OPTIONS);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        java.getOutputStream().close();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(2, TimeUnit.MINUTES), "java -version ended");
        assertEquals(0, java.exitValue(), "the options are all known to this JVM: " + command);
        assertEquals("", out, "stdout of " + command);
    }
}
