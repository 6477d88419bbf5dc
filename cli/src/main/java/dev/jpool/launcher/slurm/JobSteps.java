package dev.jpool.launcher.slurm;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a worker JVM becomes a job step of the current SLURM allocation: its command is run by
 * {@code srun}, one step per worker, each holding one CPU, so SLURM places the workers on the
 * allocation's nodes. Each step keeps its own stdin and stdout (srun forwards them), so the
 * protocol is unchanged; srun forwards SIGTERM to its step, and a step whose srun dies sees its
 * stdin close, which ends the worker.
 */
public final class JobSteps {
    private JobSteps() {
    }

    /**
     * The words placed before {@code java ...}:
     * <ul>
     *   <li>{@code --exact}: the step gets only what it asks for, so steps run side by side;</li>
     *   <li>{@code --nodes=1 --ntasks=1 --cpus-per-task=1}: one worker, one task, one CPU (a worker
     *       computes its chunk on one thread), on whichever node of the allocation has a CPU free;</li>
     *   <li>{@code --mem=0}: the step may use the job's memory on its node without reserving it, so a
     *       job submitted with {@code --mem} does not make each step wait for the one before it;</li>
     *   <li>{@code --unbuffered}: every protocol line reaches the launcher as soon as it is written.</li>
     * </ul>
     */
    public static List<String> prefix(String srun) {
        return List.of(srun, "--exact", "--nodes=1", "--ntasks=1", "--cpus-per-task=1", "--mem=0", "--unbuffered",
                "--job-name=jpool-worker");
    }

    /** {@code srun} on the {@code PATH} of {@code env}, as an absolute path. */
    public static Optional<String> locateSrun(Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "srun");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath().toString());
            }
        }
        return Optional.empty();
    }
}
