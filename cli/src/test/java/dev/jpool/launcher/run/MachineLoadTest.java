package dev.jpool.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load of others, read from a file laid out as Linux's /proc/loadavg. */
class MachineLoadTest {
    @Test
    void readsTheLoadAverageBeforeAndTheOtherRunningTasksBetweenRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loadavg");
        Files.writeString(file, "4.72 1.88 0.76 3/376 19328\n");
        MachineLoad load = new MachineLoad(file);
        load.beforeRuns();
        Files.writeString(file, "4.10 1.90 0.80 5/380 19400\n");
        load.betweenRuns();
        Files.writeString(file, "3.90 1.90 0.80 1/380 19401\n");
        load.betweenRuns();
        MachineLoad.Reading reading = load.reading().orElseThrow();
        assertEquals(4.72, reading.loadAverageBefore());
        assertEquals(2.0, reading.othersMean(), "4 others, then none: this thread is not counted");
        assertEquals(4.0, reading.othersMax());
        assertTrue(reading.busy(2));
        assertFalse(reading.busy(8));
        assertTrue(reading.describe().startsWith("load average 4.72 before the runs, 2.0 other tasks"),
                reading.describe());
    }

    @Test
    void busyBetweenRunsAloneIsBusy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loadavg");
        Files.writeString(file, "0.10 0.10 0.10 1/100 1\n");
        MachineLoad load = new MachineLoad(file);
        load.beforeRuns();
        Files.writeString(file, "0.50 0.20 0.10 4/100 2\n");
        load.betweenRuns();
        assertTrue(load.reading().orElseThrow().busy(2), "3 other tasks on 2 cores");
    }

    @Test
    void noFileNoReadingAndNoWarning(@TempDir Path dir) {
        MachineLoad load = new MachineLoad(dir.resolve("absent"));
        load.beforeRuns();
        load.betweenRuns();
        assertTrue(load.reading().isEmpty());
    }

    @Test
    void thisMachineHasAReadingWhereLinuxGivesOne() {
        MachineLoad load = new MachineLoad();
        load.beforeRuns();
        if (!Files.isReadable(MachineLoad.LOADAVG)) {
            System.out.println("skipped: no " + MachineLoad.LOADAVG + " here");
            return;
        }
        assertTrue(load.reading().orElseThrow().loadAverageBefore() >= 0);
    }
}
