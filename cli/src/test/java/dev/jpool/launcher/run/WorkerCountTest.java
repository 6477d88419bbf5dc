package dev.jpool.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerCountTest {
    @Test
    void jobStepsWithoutTasksDefaultToTheJobsCpusOverItsCpusPerTask() {
        Map<String, String> env = Map.of("SLURM_CPUS_PER_TASK", "1");
        assertEquals(new WorkerCount(6, "SLURM_JOB_CPUS_PER_NODE"), WorkerCount.resolveForJobSteps(null, env, 2, 6));
        assertEquals(new WorkerCount(3, "SLURM_JOB_CPUS_PER_NODE"),
                WorkerCount.resolveForJobSteps(null, Map.of("SLURM_CPUS_PER_TASK", "2"), 2, 6));
    }

    @Test
    void jobStepsAreOneWorkerPerTaskEachWithItsCpusPerTask() {
        // salloc -n 4 -c 2: 4 tasks of 2 CPUs on 8 CPUs in all, so 4 workers, not 8.
        Map<String, String> env = Map.of("SLURM_NTASKS", "4", "SLURM_CPUS_PER_TASK", "2");
        assertEquals(new WorkerCount(4, "SLURM_NTASKS"), WorkerCount.resolveForJobSteps(null, env, 2, 8));
        assertEquals(2, WorkerCount.cpusPerTask(env));
        assertEquals(1, WorkerCount.cpusPerTask(Map.of("SLURM_NTASKS", "4")), "no -c: one CPU per task");
        assertEquals(new WorkerCount(3, "--workers"), WorkerCount.resolveForJobSteps(3, env, 2, 8), "--workers wins");
    }

    @Test
    void jobStepsStillTakeTheUsersCount() {
        assertEquals(new WorkerCount(3, "--workers"), WorkerCount.resolveForJobSteps(3, Map.of(), 2, 6));
        assertEquals(new WorkerCount(5, "NUM_PROCS"), WorkerCount.resolveForJobSteps(null, Map.of("NUM_PROCS", "5"), 2, 6));
    }

    @Test
    void jobStepsWithoutTheJobsCpusFollowTheUsualRule() {
        assertEquals(new WorkerCount(4, "SLURM_CPUS_PER_TASK"),
                WorkerCount.resolveForJobSteps(null, Map.of("SLURM_CPUS_PER_TASK", "4"), 2, null));
    }
}
