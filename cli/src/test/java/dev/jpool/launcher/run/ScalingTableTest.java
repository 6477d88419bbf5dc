package dev.jpool.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table's arithmetic on runs whose times are given, so every number can be checked by hand. */
class ScalingTableTest {
    private static RunRecord run(String mode, int workers, long millis) {
        return new RunRecord(mode, workers, 1_000, 5, 785, millis * 1_000_000);
    }

    @Test
    void mediansSpeedupEfficiencyAndKarpFlatt() {
        ScalingTable table = ScalingTable.of(List.of(
                run("thread", 4, 40), run("serial", 1, 100), run("process", 2, 60), run("serial", 1, 120),
                run("thread", 4, 30), run("serial", 1, 80), run("process", 2, 50), run("thread", 4, 35)),
                new CoreCount(2, "test"));
        assertEquals(List.of("serial", "process", "thread"), table.rows().stream().map(ScalingTable.Row::mode).toList());
        ScalingTable.Row serial = table.serial();
        assertEquals(100_000_000, serial.medianNanos());
        assertEquals(80_000_000, serial.minNanos());
        assertEquals(120_000_000, serial.maxNanos());
        assertEquals(1.0, serial.speedup());
        assertNull(serial.serialFraction(), "undefined for one worker");

        ScalingTable.Row process = table.rows().get(1);
        assertEquals(55_000_000, process.medianNanos(), "mean of the middle two");
        double s = 100.0 / 55;
        assertEquals(s, process.speedup(), 1e-12);
        assertEquals(s / 2, process.efficiency(), 1e-12);
        assertEquals((1 / s - 0.5) / 0.5, process.serialFraction(), 1e-12);
        assertFalse(process.oversubscribed());

        ScalingTable.Row thread = table.rows().get(2);
        assertEquals(35_000_000, thread.medianNanos());
        assertEquals(List.of(40_000_000L, 30_000_000L, 35_000_000L), thread.wallNanos(), "in the order made");
        assertEquals((35.0 / 100 - 0.25) / 0.75, thread.serialFraction(), 1e-12);
        assertTrue(thread.oversubscribed(), "4 workers on 2 cores");
    }

    @Test
    void withoutKnownCoresNothingIsOversubscribed() {
        ScalingTable table = ScalingTable.of(List.of(run("serial", 1, 100), run("process", 64, 10)), null);
        assertFalse(table.rows().get(1).oversubscribed());
    }

    @Test
    void runsOfDifferentExperimentsOrWithoutASerialRunAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScalingTable.of(List.of(run("thread", 2, 10)), null))
                .getMessage().contains("no serial run"));
        RunRecord other = new RunRecord("thread", 2, 2_000, 5, 785, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ScalingTable.of(List.of(run("serial", 1, 10), other), null)).getMessage().contains("same samples and seed"));
        RunRecord wrongHits = new RunRecord("thread", 2, 1_000, 5, 786, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ScalingTable.of(List.of(run("serial", 1, 10), wrongHits), null)).getMessage().contains("hit counts differ"));
        assertThrows(IllegalArgumentException.class, () -> ScalingTable.of(List.of(), null));
    }

    @Test
    void coresAreTheSmallestOfTheJvmsAndSlurmsLimits() {
        assertEquals(new CoreCount(8, CoreCount.AVAILABLE_PROCESSORS), CoreCount.detect(Map.of(), 8));
        assertEquals(new CoreCount(4, "SLURM_CPUS_PER_TASK"),
                CoreCount.detect(Map.of("SLURM_CPUS_PER_TASK", "4", "SLURM_CPUS_ON_NODE", "6"), 8));
        assertEquals(new CoreCount(3, "SLURM_CPUS_ON_NODE"), CoreCount.detect(Map.of("SLURM_CPUS_ON_NODE", "3"), 8));
        assertEquals(new CoreCount(2, CoreCount.AVAILABLE_PROCESSORS),
                CoreCount.detect(Map.of("SLURM_CPUS_PER_TASK", "16"), 2), "a cgroup limit below SLURM's");
        assertThrows(IllegalArgumentException.class, () -> CoreCount.detect(Map.of("SLURM_CPUS_ON_NODE", "many"), 2));
    }
}
