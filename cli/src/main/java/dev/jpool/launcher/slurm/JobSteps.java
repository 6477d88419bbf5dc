package dev.jpool.launcher.slurm;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a worker JVM becomes a job step of the current SLURM allocation: its command is run by
 * {@code srun}, one step per worker, each holding the job's CPUs per task, so SLURM places the workers on the
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
     *   <li>{@code --nodes=1 --ntasks=1 --cpus-per-task=C}: one worker, one task of the job's
     *       {@code --cpus-per-task} CPUs (the worker's CPU share: its chunk runs on one thread, its
     *       JIT and GC threads use the rest), on whichever node of the allocation has them free;</li>
     *   <li>{@code --mem=0}: the step may use the job's memory on its node without reserving it, so a
     *       job submitted with {@code --mem} does not make each step wait for the one before it;</li>
     *   <li>{@code --unbuffered}: every protocol line reaches the launcher as soon as it is written.</li>
     * </ul>
     */
    public static List<String> prefix(String srun, int cpusPerTask) {
        return List.of(srun, "--exact", "--nodes=1", "--ntasks=1", "--cpus-per-task=" + cpusPerTask, "--mem=0",
                "--unbuffered", "--job-name=jpool-worker");
    }

    /** As {@link #prefix(String, int)} with one CPU per worker step. */
    public static List<String> prefix(String srun) {
        return prefix(srun, 1);
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
