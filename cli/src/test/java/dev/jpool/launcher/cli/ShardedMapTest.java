package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.cli.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code map --shard I/N} and {@code gather}: a big map as a job array, run here one shard after another. */
class ShardedMapTest {
    private static final String TEST_CLASSES = dev.jpool.launcher.it.TestTasks.CLASSPATH;

    @TempDir
    Path dir;
    private Path in;
    private Path out;

    @BeforeEach
    void input() throws Exception {
        in = dir.resolve("in.jsonl");
        out = dir.resolve("out.jsonl");
        // 11 inputs, a blank line among them; 13 would fail (Square's unlucky number), so it is left out
        Files.writeString(in, IntStream.rangeClosed(1, 12).filter(i -> i != 13).mapToObj(i -> i == 6 ? "\n" : i + "\n")
                .collect(Collectors.joining()));
    }

    private Outcome map(Map<String, String> env, String... more) {
        List<String> args = new ArrayList<>(List.of("map", "--task", "dev.jpool.testing.Square", "--classpath",
                TEST_CLASSES, "--in", in.toString(), "--mode", "thread", "--workers", "2"));
        args.addAll(List.of(more));
        return CliTest.run(env, args.toArray(String[]::new));
    }

    @Test
    void threeShardsGatheredAreTheWholeMapInInputOrder() throws Exception {
        Path whole = dir.resolve("whole.jsonl");
        assertEquals(0, map(Map.of(), "--out", whole.toString()).exit());
        for (int i = 0; i < 3; i++) {
            Outcome shard = map(Map.of(), "--shard", i + "/3", "--out", out.toString());
            assertEquals(0, shard.exit(), shard.err());
            assertTrue(shard.err().contains("jpool: map: shard " + i + "/3 (from --shard): inputs " + i + ", " + i
                    + "+3, ... of the input; results to " + out + ".shard-" + i + "-of-3"), shard.err());
        }
        assertFalse(Files.exists(out), "nothing joined yet");
        Outcome gather = CliTest.run("gather", "--out", out.toString());
        assertEquals(0, gather.exit(), gather.err());
        assertEquals(Files.readAllLines(whole), Files.readAllLines(out));
        assertTrue(gather.err().contains("jpool: gather: 11 results joined in input order into " + out), gather.err());
    }

    @Test
    void inAJobArrayTheShardComesFromTheArrayTasksVariablesAndSaysSo() throws Exception {
        Outcome shard = map(Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "3", "SLURM_ARRAY_TASK_MIN", "1"),
                "--out", out.toString());
        assertEquals(0, shard.exit(), shard.err());
        assertTrue(shard.err().contains("map: shard 1/3 (from SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_COUNT=3, "
                + "SLURM_ARRAY_TASK_MIN=1)"), shard.err());
        // inputs 1, 4, 7, 10 are lines 2, 5, 9, 12: 2, 5, 9 and 12 squared, and the end record
        assertEquals(List.of("4", "25", "81", "144", "{\"jpoolShard\":\"1/3\",\"inputs\":4,\"results\":4}"),
                Files.readAllLines(dir.resolve("out.jsonl.shard-1-of-3")));
    }

    @Test
    void aGatheringWithShardsMissingOrIncompleteNamesEachAndWritesNothing() throws Exception {
        assertEquals(0, map(Map.of(), "--shard", "0/4", "--out", out.toString()).exit());
        Files.writeString(in, Files.readString(in) + "13\n"); // input 11, shard 3's, fails
        assertEquals(1, map(Map.of(), "--shard", "3/4", "--out", out.toString()).exit());
        Files.writeString(dir.resolve("out.jsonl.shard-2-of-4.partial"), "9\n"); // a shard cut short
        Files.writeString(out, "what was there\n");
        Outcome gather = CliTest.run("gather", "--out", out.toString(), "--shards", "4");
        assertEquals(1, gather.exit(), gather.err());
        assertEquals("", gather.out());
        List<String> lines = gather.err().lines().toList();
        assertEquals(List.of(
                "jpool gather: shard 1/4 missing: no " + out + ".shard-1-of-4",
                "jpool gather: shard 2/4 missing: only " + out + ".shard-2-of-4.partial, so its map did not finish",
                "jpool gather: shard 3/4 incomplete: " + out + ".shard-3-of-4 has results for 2 of its 3 inputs "
                        + "(the others failed: see that shard's job output)",
                "jpool gather: " + out + " not written"), lines);
        assertEquals("what was there\n", Files.readString(out), "untouched");
    }

    @Test
    void aShardFileCutShortOrFromAnotherInputIsIncomplete() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertEquals(0, map(Map.of(), "--shard", i + "/2", "--out", out.toString()).exit());
        }
        Path shard1 = dir.resolve("out.jsonl.shard-1-of-2");
        List<String> complete = Files.readAllLines(shard1);
        Files.write(shard1, complete.subList(0, 3));
        Outcome cut = CliTest.run("gather", "--out", out.toString());
        assertEquals(1, cut.exit());
        assertTrue(cut.err().contains("shard 1/2 incomplete: " + shard1 + " has no end record for shard 1/2, so it was "
                + "cut short"), cut.err());

        Files.writeString(in, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n14\n15\n16\n");
        assertEquals(0, map(Map.of(), "--shard", "1/2", "--out", out.toString()).exit());
        Outcome mixed = CliTest.run("gather", "--out", out.toString());
        assertEquals(1, mixed.exit());
        assertTrue(mixed.err().contains("holds 7 inputs where 2 shards of 13 inputs give it 6, so the shards were not "
                + "made from the same input"), mixed.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shardMistakesAreUsageErrors() throws Exception {
        for (List<String> args : List.of(List.of("--shard", "3/3", "--out", out.toString()), List.of("--shard", "1/3"),
                List.of("--shard", "0/2", "--out", out.toString(), "--unordered"))) {
            Outcome o = map(Map.of(), args.toArray(String[]::new));
            assertEquals(2, o.exit(), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
        Outcome none = CliTest.run("gather", "--out", out.toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().startsWith("jpool gather: no shard files " + out + ".shard-I-of-N found"), none.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("in.jsonl"), files.map(f -> f.getFileName().toString()).toList());
        }
    }
}
