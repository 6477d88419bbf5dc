package dev.jpool.launcher.it.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.it.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slurm/scale.sh: one job per CPU count, then a job that gathers them once all succeeded. */
class ScaleStudyIT {
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cluster() throws Exception {
        LocalSlurm.assumeUp();
    }

    /** Whether this jar has the scale command that gathers the results (the scale issue's work). */
    private static boolean jarCanScale() throws Exception {
        Command help = Command.run(Duration.ofSeconds(60), "java", "-jar", Command.JAR.toString(), "scale", "--help");
        return help.exit() == 0 && help.out().startsWith("Usage: jpool scale");
    }

    @Test
    void oneJobPerCpuCountThatFitsThenTheGatheringJob(@TempDir Path results) throws Exception {
        Command scale = Command.run(Duration.ofSeconds(180), "slurm/scale.sh", "--samples", "2e6", "--cpus", "1 2 64",
                "--time", "00:05:00", "--results", results.toString(), "--wait");

        Map<Integer, String> jobs = new HashMap<>();
        Matcher job = Pattern.compile("(?m)^  (\\d+) CPUs?: job (\\d+)$").matcher(scale.out());
        while (job.find()) {
            jobs.put(Integer.valueOf(job.group(1)), job.group(2));
        }
        assertEquals(List.of(1, 2), jobs.keySet().stream().sorted().toList(), "64 CPUs fit no node: " + scale);
        assertTrue(scale.out().contains("left out: 64 CPUs"), scale.toString());
        Matcher gather = Pattern.compile("(?m)^  gather: job (\\d+), once jobs " + jobs.get(1) + ":" + jobs.get(2)
                + " have succeeded$").matcher(scale.out());
        assertTrue(gather.find(), scale.toString());
        assertTrue(scale.out().contains("watch:   squeue -u "), scale.toString());
        assertTrue(scale.out().contains("after:   sacct -j " + jobs.get(1) + "," + jobs.get(2) + "," + gather.group(1)),
                scale.toString());

        long hits = PiBatchJobIT.localSerialHits("2e6");
        for (String name : List.of("pi-serial-1", "pi-thread-1", "pi-process-1", "pi-thread-2", "pi-process-2")) {
            Path file = results.resolve(name + ".json");
            assertTrue(Files.isRegularFile(file), name + ".json missing: " + scale);
            JsonNode run = json.readTree(file.toFile());
            String[] parts = name.split("-");
            int cpus = Integer.parseInt(parts[2]);
            assertEquals(parts[1], run.get("mode").asText(), name);
            assertEquals(cpus, run.get("workers").asInt(), name);
            assertEquals(2_000_000, run.get("samples").asLong(), name);
            assertEquals(hits, run.get("hits").asLong(), name + ": every job counts the same hits");
            assertEquals(jobs.get(cpus), run.get("slurmJobId").asText(), name + " ran in the job for " + cpus + " CPUs");
        }
        try (Stream<Path> files = Files.list(results)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".partial")), "no half-written result");
        }

        Path gatherLog = results.resolve("slurm-gather-" + gather.group(1) + ".out");
        assertTrue(Files.isRegularFile(gatherLog), "the gathering job ran after the others succeeded: " + scale);
        assertTrue(Files.readString(gatherLog).startsWith("gathering " + results.toRealPath() + " after jobs "
                + jobs.get(1) + ":" + jobs.get(2)), Files.readString(gatherLog));
        if (jarCanScale()) {
            assertEquals(0, scale.exit(), scale + "\n" + Files.readString(gatherLog));
            Path out = results.resolve("scale");
            for (String extension : List.of(".csv", ".json")) {
                try (Stream<Path> files = Files.list(out)) {
                    assertTrue(files.anyMatch(f -> f.toString().endsWith(extension)), extension + " in " + out);
                }
            }
            try (Stream<Path> files = Files.list(out)) {
                assertTrue(files.anyMatch(f -> f.toString().endsWith(".png") || f.toString().endsWith(".svg")),
                        "a plot in " + out);
            }
        } else {
            // Without the scale command (before the scale issue's branch is merged) the gathering
            // job runs, and fails; scale.sh says so and exits with its status.
            assertNotEquals(0, scale.exit(), scale.toString());
            assertTrue(scale.err().contains("scale.sh: warning: this jpool.jar has no 'scale' command"), scale.err());
            assertTrue(scale.err().contains("the gathering job " + gather.group(1) + " did not succeed"), scale.err());
        }
    }

    @Test
    void aResultsPathWithDollarsSpacesQuotesAndPercentIsAPathInTheJobsNeverACommand(@TempDir Path tmp) throws Exception {
        // Pasted into the generated job scripts as it was, $(id) ran and the jobs wrote elsewhere.
        Path results = tmp.resolve("it's a \"dir\" $(id) `id` 100%j");
        Command scale = Command.run(Duration.ofSeconds(180), "slurm/scale.sh", "--samples", "1e6", "--cpus", "1",
                "--time", "00:05:00", "--results", results.toString(), "--wait");
        assertEquals(0, scale.exit(), scale.toString());
        for (String name : List.of("pi-serial-1.json", "pi-thread-1.json", "pi-process-1.json")) {
            assertTrue(Files.isRegularFile(results.resolve(name)), name + " in " + results + ": " + scale);
        }
        try (Stream<Path> files = Files.list(results)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.matches("slurm-cpus1-\\d+\\.out")), "the job's log: " + names);
            Path gatherLog = names.stream().filter(n -> n.startsWith("slurm-gather-")).map(results::resolve)
                    .findFirst().orElseThrow(() -> new AssertionError("no gathering log in " + names));
            assertTrue(Files.readString(gatherLog).startsWith("gathering " + results.toRealPath() + " after jobs "),
                    Files.readString(gatherLog));
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(results.getFileName().toString()), files.map(f -> f.getFileName().toString()).toList(),
                    "nothing written beside the results directory");
        }
    }

    @Test
    void theJobsAskForTheirNodesAloneUnlessTheSiteSaysNot(@TempDir Path tmp) throws Exception {
        for (boolean exclusive : new boolean[] {true, false}) {
            List<String> words = new java.util.ArrayList<>(List.of("slurm/scale.sh", "--samples", "1e6", "--cpus", "1",
                    "--results", tmp.resolve("exclusive-" + exclusive).toString()));
            if (!exclusive) {
                words.add("--no-exclusive");
            }
            Command scale = Command.run(Duration.ofSeconds(60), words.toArray(String[]::new));
            assertEquals(0, scale.exit(), scale.toString());
            Matcher job = Pattern.compile("(?m)^  1 CPU: job (\\d+)$").matcher(scale.out());
            Matcher gather = Pattern.compile("(?m)^  gather: job (\\d+),").matcher(scale.out());
            assertTrue(job.find() && gather.find(), scale.toString());
            try {
                Command show = Command.run(Duration.ofSeconds(30), "scontrol", "show", "job", "-o", job.group(1));
                assertEquals(exclusive, show.out().contains("OverSubscribe=NO"),
                        (exclusive ? "asks for its node alone: " : "shares its node: ") + show);
            } finally {
                Command.run(Duration.ofSeconds(30), "scancel", job.group(1), gather.group(1));
            }
        }
    }

    @Test
    void whenAJobFailsTheGatheringJobNeverRunsAndTheStudyFails(@TempDir Path results) throws Exception {
        // 1e30 passes the script's check but not jpool's: the 1-CPU job fails at its first run.
        Command scale = Command.run(Duration.ofSeconds(120), "slurm/scale.sh", "--samples", "1e30", "--cpus", "1",
                "--results", results.toString(), "--wait");
        assertNotEquals(0, scale.exit(), scale.toString());
        Matcher gather = Pattern.compile("(?m)^  gather: job (\\d+),").matcher(scale.out());
        assertTrue(gather.find(), scale.toString());
        assertTrue(scale.err().contains("the gathering job " + gather.group(1) + " did not succeed (CANCELLED"),
                scale.toString());
        try (Stream<Path> files = Files.list(results)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(1, names.size(), "only the failed job's log, no result, no gathering: " + names);
            assertTrue(names.get(0).startsWith("slurm-cpus1-"), names.toString());
        }
    }

    @Test
    void badOptionsAreOneLineAndExitTwoBeforeAnythingIsSubmitted() throws Exception {
        for (List<String> args : List.of(List.of("--cpus", "1 two"), List.of("--frobnicate"),
                List.of("--cpus", "4096"), List.of("--samples", "lots"))) {
            String[] words = Stream.concat(Stream.of("slurm/scale.sh"), args.stream()).toArray(String[]::new);
            Command scale = Command.run(Duration.ofSeconds(30), words);
            assertEquals(2, scale.exit(), scale.toString());
            assertEquals("", scale.out(), scale.toString());
            assertEquals(1, scale.err().strip().lines().count(), scale.toString());
            assertTrue(scale.err().startsWith("scale.sh: "), scale.toString());
        }
    }
}
