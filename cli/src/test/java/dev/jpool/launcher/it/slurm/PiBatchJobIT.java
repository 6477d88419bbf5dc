package dev.jpool.launcher.it.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.it.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slurm/pi.sbatch submitted with sbatch, as the tutorial's users submit pimc.sh. */
class PiBatchJobIT {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @BeforeEach
    void cluster() throws Exception {
        LocalSlurm.assumeUp();
    }

    /** The job id sbatch --parsable printed first. */
    private static String jobId(Command sbatch) {
        Matcher id = Pattern.compile("^(\\d+)").matcher(sbatch.out().strip());
        assertTrue(id.find(), sbatch.toString());
        return id.group(1);
    }

    @Test
    void fromTheRepositoryRootTheJobComparesWithOneWorkerPerCpuInSlurmJobIdOut() throws Exception {
        Command sbatch = Command.run(LIMIT, "sbatch", "--wait", "--parsable", "--cpus-per-task=2", "slurm/pi.sbatch",
                "compare", "--samples", "1e7", "--repeat", "1");
        String id = jobId(sbatch);
        Path output = Command.ROOT.resolve("jpool-pi-" + id + ".out");
        try {
            assertEquals(0, sbatch.exit(), sbatch.toString());
            String text = Files.readString(output);
            assertTrue(text.contains("jpool compare: 10,000,000 samples, seed 20201117, 2 workers (from SLURM_CPUS_PER_TASK)"),
                    text);
            assertTrue(Pattern.compile("(?m)^  slurm job " + id + ", node node[12], 2 CPUs per task "
                    + "\\(SLURM_CPUS_PER_TASK=2\\)$").matcher(text).find(), text);
            assertTrue(Pattern.compile("(?m)^  thread +2 ").matcher(text).find(), text);
            assertTrue(Pattern.compile("(?m)^  process +2 ").matcher(text).find(), text);

            Matcher estimate = Pattern.compile("hits ([\\d,]+) in every run of every mode: pi = (\\d\\.\\d+)").matcher(text);
            assertTrue(estimate.find(), text);
            assertEquals(Math.PI, Double.parseDouble(estimate.group(2)), 0.005, "1e7 darts land within 0.005 of pi");
            assertEquals(localSerialHits("1e7"), Long.parseLong(estimate.group(1).replace(",", "")),
                    "the job counts the same hits as a serial run here");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void theWorkRunsInAJobStepOfItsOwnAndTheLaunchersStepsInTheBatchStep() throws Exception {
        Command sbatch = Command.run(LIMIT, "sbatch", "--wait", "--parsable", "--cpus-per-task=2", "slurm/pi.sbatch",
                "pi", "--samples", "1e7", "--format", "json");
        String id = jobId(sbatch);
        Path output = Command.ROOT.resolve("jpool-pi-" + id + ".out");
        try {
            assertEquals(0, sbatch.exit(), sbatch.toString());
            String text = Files.readString(output);
            assertTrue(text.startsWith("jpool in SLURM job " + id + " on node"), text);
            assertTrue(text.lines().findFirst().orElseThrow().contains("; srun --nodes=1 --ntasks=1 --cpus-per-task=2 "
                    + "java -jar cli/target/jpool.jar pi"), text);
            com.fasterxml.jackson.databind.JsonNode report = new ObjectMapper().readTree(
                    text.substring(text.indexOf("\n{") + 1));
            assertEquals(2, report.get("workers").asInt(), text);
            for (com.fasterxml.jackson.databind.JsonNode step : report.get("workerSteps")) {
                assertEquals("0", step.asText(), "the launcher and its workers ran in step 0, not the batch step: " + text);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void submittedWhereThereIsNoJarTheJobSaysHowToBuildItAndFails(@TempDir Path elsewhere) throws Exception {
        Command sbatch = Command.run(elsewhere, Map.of(), LIMIT, "sbatch", "--wait", "--parsable", "--cpus-per-task=1",
                Command.ROOT.resolve("slurm/pi.sbatch").toString());
        String text = Files.readString(elsewhere.resolve("jpool-pi-" + jobId(sbatch) + ".out"));
        assertEquals(1, sbatch.exit(), sbatch + "\n" + text);
        assertTrue(text.contains(elsewhere.toRealPath() + "/cli/target/jpool.jar not found. Build it from the "
                + "repository root with"), text);
        assertTrue(text.contains("mvn -q -B -DskipTests package"), text);
    }

    static long localSerialHits(String samples) throws Exception {
        Command serial = Command.run(Duration.ofSeconds(60), "java", "-jar", Command.JAR.toString(), "pi", "--mode", "serial",
                "--samples", samples, "--format", "json", "-q");
        assertEquals(0, serial.exit(), serial.toString());
        return new ObjectMapper().readTree(serial.out()).get("hits").asLong();
    }
}
