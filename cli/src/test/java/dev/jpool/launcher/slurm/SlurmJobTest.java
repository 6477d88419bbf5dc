package dev.jpool.launcher.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmJobTest {
    @Test
    void outsideAJobThereIsNone() {
        assertTrue(SlurmJob.of(Map.of("SLURM_CPUS_PER_TASK", "4")).isEmpty());
        assertTrue(SlurmJob.of(Map.of("SLURM_JOB_ID", " ")).isEmpty());
    }

    @Test
    void aBatchJobIsReadFromItsEnvironment() {
        SlurmJob job = SlurmJob.of(Map.of("SLURM_JOB_ID", "42", "SLURMD_NODENAME", "node1", "SLURM_CPUS_PER_TASK", "2",
                "SLURM_CPUS_ON_NODE", "2", "SLURM_JOB_CPUS_PER_NODE", "2(x2)")).orElseThrow();
        assertEquals(new SlurmJob("42", "node1", 2, 2, "2(x2)"), job);
        assertEquals("2 CPUs per task (SLURM_CPUS_PER_TASK=2)", job.localCpus().orElseThrow().toString());
        assertEquals("4 CPUs in all (SLURM_JOB_CPUS_PER_NODE=2(x2))", job.allCpus().orElseThrow().toString());
    }

    @Test
    void theOlderJobIdVariableIsReadToo() {
        assertEquals("7", SlurmJob.of(Map.of("SLURM_JOBID", "7")).orElseThrow().id());
    }

    @Test
    void withoutCpusPerTaskTheNodesCpusLimitThisProcess() {
        SlurmJob job = SlurmJob.of(Map.of("SLURM_JOB_ID", "1", "SLURM_CPUS_ON_NODE", "1")).orElseThrow();
        assertEquals("1 CPU on this node (SLURM_CPUS_ON_NODE=1)", job.localCpus().orElseThrow().toString());
        assertFalse(SlurmJob.of(Map.of("SLURM_JOB_ID", "1")).orElseThrow().localCpus().isPresent());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {"4 | 4", "2(x3) | 6", "2(x3),1 | 7", "48(x2),24,8(x4) | 152", "1(x1) | 1"})
    void theCpusOfAllNodesAddUp(String perNode, int total) {
        SlurmJob job = SlurmJob.of(Map.of("SLURM_JOB_ID", "1", "SLURM_JOB_CPUS_PER_NODE", perNode)).orElseThrow();
        assertEquals(total, job.allCpus().orElseThrow().cpus());
    }

    @ParameterizedTest
    @CsvSource({"abc", "2(x)", "(x2)", "0", "99999999999"})
    void anUnreadableCpuListIsNoLimit(String perNode) {
        SlurmJob job = SlurmJob.of(Map.of("SLURM_JOB_ID", "1", "SLURM_JOB_CPUS_PER_NODE", perNode)).orElseThrow();
        assertFalse(job.allCpus().isPresent());
    }
}
