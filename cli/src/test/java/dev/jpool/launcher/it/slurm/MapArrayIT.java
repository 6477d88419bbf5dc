package dev.jpool.launcher.it.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.it.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slurm/map-array.sbatch: jpool map as a job array of shards and an afterok gathering job. */
class MapArrayIT {
    private static final Duration LIMIT = Duration.ofSeconds(240);
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;

    @BeforeEach
    void cluster() throws Exception {
        LocalSlurm.assumeUp();
    }

    private static Command submit(Path in, Path out) throws Exception {
        return Command.run(LIMIT, "slurm/map-array.sbatch", "--shards", "3", "--wait", "--time=00:05:00", "--",
                "--task", "dev.jpool.testing.Square", "--classpath", CLASSES, "--in", in.toString(),
                "--out", out.toString(), "--chunksize", "4");
    }

    @Test
    void anArrayOfThreeShardsGatheredIsTheLocalMapOfTheSameInput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        // 40 inputs with a blank line among them, not 13 (the test task's unlucky number)
        Files.writeString(in, IntStream.rangeClosed(1, 41).filter(i -> i != 13)
                .mapToObj(i -> i == 20 ? "\n" + i : String.valueOf(i)).collect(Collectors.joining("\n", "", "\n")));
        Path out = dir.resolve("squares.jsonl");
        Command array = submit(in, out);
        assertEquals(0, array.exit(), array.toString());
        Matcher ids = Pattern.compile("(?m)^  array: job (\\d+) .*\\n  gather: job (\\d+), once every task of job \\1 "
                + "has succeeded$").matcher(array.out());
        assertTrue(ids.find(), array.toString());

        Path local = dir.resolve("local.jsonl");
        Command map = Command.run(LIMIT, JAVA, "-jar", Command.JAR.toString(), "map", "--task",
                "dev.jpool.testing.Square", "--classpath", CLASSES, "--in", in.toString(), "--out",
                local.toString(), "--workers", "2", "-q");
        assertEquals(0, map.exit(), map.toString());
        assertEquals(40, Files.readAllLines(local).size());
        assertEquals(Files.readAllLines(local), Files.readAllLines(out), "the gathered shards are the local map");

        for (int task = 0; task < 3; task++) {
            String log = Files.readString(dir.resolve("jpool-map-" + ids.group(1) + "_" + task + ".out"));
            assertTrue(log.contains("jpool: map: shard " + task + "/3 (from SLURM_ARRAY_TASK_ID=" + task
                    + ", SLURM_ARRAY_TASK_COUNT=3)"), log);
            assertTrue(Files.isRegularFile(dir.resolve("squares.jsonl.shard-" + task + "-of-3")), log);
        }
        String gathered = Files.readString(dir.resolve("jpool-map-gather-" + ids.group(2) + ".out"));
        assertTrue(gathered.contains("jpool: gather: 40 results joined in input order into " + out), gathered);
    }

    @Test
    void aShardThatFailsCancelsTheGatheringAndNothingIsJoined(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "11\n12\n13\n14\n15\n16\n"); // 13, input 2, fails shard 2
        Path out = dir.resolve("squares.jsonl");
        Command array = submit(in, out);
        assertNotEquals(0, array.exit(), array.toString());
        assertTrue(array.err().contains("the gathering job"), array.toString());
        assertTrue(array.err().contains("did not succeed (CANCELLED"), array.toString());
        assertFalse(Files.exists(out), "no joined output");
        Command gather = Command.run(LIMIT, JAVA, "-jar", Command.JAR.toString(), "gather", "--out", out.toString());
        assertEquals(1, gather.exit(), gather.toString());
        assertTrue(gather.err().contains("jpool gather: shard 2/3 incomplete: " + out + ".shard-2-of-3 has results for "
                + "1 of its 2 inputs"), gather.toString());
    }

    @Test
    void mistakesAreOneLineAndExitTwoBeforeAnythingIsSubmitted() throws Exception {
        for (List<String> args : List.of(List.of("--shards", "0", "--", "--out", "x"), List.of("--", "--task", "T"),
                List.of("--shards", "3", "--", "--task", "T", "--in", "in"),
                List.of("--shards", "3", "--", "--out", "x", "--shard", "1/3"))) {
            List<String> words = new java.util.ArrayList<>(List.of("slurm/map-array.sbatch"));
            words.addAll(args);
            Command c = Command.run(Duration.ofSeconds(30), words.toArray(String[]::new));
            assertEquals(2, c.exit(), c.toString());
            assertEquals(1, c.err().strip().lines().count(), c.toString());
            assertTrue(c.err().startsWith("map-array.sbatch: "), c.toString());
        }
    }
}
