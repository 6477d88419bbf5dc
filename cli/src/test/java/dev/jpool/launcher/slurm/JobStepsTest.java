package dev.jpool.launcher.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.process.WorkerCommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStepsTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerStepHoldsOneCpuOnOneNodeAndReservesNoMemory() {
        WorkerCommandLine worker = WorkerCommandLine.ofThisJvm().withPrefix(JobSteps.prefix("/usr/bin/srun"));
        List<String> command = worker.command();
        assertEquals(List.of("/usr/bin/srun", "--exact", "--nodes=1", "--ntasks=1", "--cpus-per-task=1", "--mem=0",
                "--unbuffered", "--job-name=jpool-worker", worker.java()), command.subList(0, 9));
        assertEquals(WorkerCommandLine.WORKER_MAIN, command.get(command.size() - 1));
        assertEquals(worker.withPrefix(List.of()).command(), command.subList(8, command.size()), "the JVM's own command");
    }

    @Test
    void srunIsFoundOnThePathAsAnExecutableFile() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path srun = Files.createFile(bin.resolve("srun"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(srun.toString(), JobSteps.locateSrun(Map.of("PATH", empty + ":" + bin)).orElseThrow());
        assertTrue(JobSteps.locateSrun(Map.of("PATH", empty.toString())).isEmpty());
        assertTrue(JobSteps.locateSrun(Map.of()).isEmpty());
    }
}
