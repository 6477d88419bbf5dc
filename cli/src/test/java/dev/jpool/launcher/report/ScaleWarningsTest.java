package dev.jpool.launcher.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.run.CoreCount;
import dev.jpool.launcher.run.MachineLoad;
import dev.jpool.launcher.run.RunRecord;
import dev.jpool.launcher.run.ScalingTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scaling table that cannot be true says so beside the figures, and a busy machine is named. */
class ScaleWarningsTest {
    private static final CoreCount TWO = new CoreCount(2, CoreCount.AVAILABLE_PROCESSORS);

    private static String text(List<RunRecord> runs, MachineLoad.Reading load) {
        StringWriter out = new StringWriter();
        new ScaleReport(ScalingTable.of(runs, TWO), "one run each", new Machine("AMD EPYC", "scalar", "JDK 17", load))
                .print(new PrintWriter(out), Format.TEXT);
        return out.toString();
    }

    private static RunRecord run(String mode, int workers, long millis) {
        return new RunRecord(mode, workers, 1_000_000, 1, 785_000, millis * 1_000_000);
    }

    @Test
    void aColdBaselineMarksTheImpossibleEfficiencyAndTheNegativeSerialFraction() {
        // the serial run took twice as long as one thread: the 203% and -0.418
        String text = text(List.of(run("serial", 1, 2030), run("thread", 1, 1000), run("thread", 2, 700)), null);
        assertTrue(text.matches("(?s).*thread +1 .* 203% ! .*"), text);
        assertTrue(text.matches("(?s).*thread +2 .* 145% ! +-0\\.310 ! *\\n.*"), text);
        assertTrue(text.contains("! cannot be true of a fair measurement"), text);
        assertFalse(text.contains("the machine was busy"), text);
        text.lines().forEach(line -> assertTrue(line.length() <= 100, line));
    }

    @Test
    void plausibleFiguresOnAQuietMachineCarryNoMark() {
        String text = text(List.of(run("serial", 1, 2000), run("thread", 1, 2010), run("thread", 2, 1050)),
                new MachineLoad.Reading(0.3, 0.2, 1, 3));
        assertFalse(text.contains("!"), text);
        assertFalse(text.contains("warning"), text);
        assertTrue(text.contains("every mode on the scalar kernel"), text);
    }

    @Test
    void aBusyMachineIsNamedWithItsLoadAndCores() {
        String text = text(List.of(run("serial", 1, 2000), run("thread", 2, 1050)),
                new MachineLoad.Reading(4.72, 3.5, 6, 2));
        assertTrue(text.contains("warning: the machine was busy while measuring: load average 4.72 before the runs"),
                text);
        assertTrue(text.contains("on 2 cores"), text);
    }
}
