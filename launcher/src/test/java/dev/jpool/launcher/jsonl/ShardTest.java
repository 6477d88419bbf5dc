package dev.jpool.launcher.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void iOfNTakesEveryNthInputFromIKeepingTheLineNumbersAndSkippingBlankLines() throws Exception {
        String input = "10\n11\n\n12\n{bad\n13\n14\n";
        List<List<Integer>> numbers = new ArrayList<>();
        List<JsonLines.Line> all = JsonLines.read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 3; i++) {
            numbers.add(new Shard(i, 3, "--shard").read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                    .stream().map(JsonLines.Line::number).toList());
        }
        // inputs 0..5 are lines 1, 2, 4, 5, 6, 7; shard i takes inputs i and i + 3
        assertEquals(List.of(List.of(1, 5), List.of(2, 6), List.of(4, 7)), numbers);
        List<JsonLines.Line> shard1 = new Shard(1, 3, "--shard").read(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        assertEquals(all.get(1), shard1.get(0), "the same line as the whole input's reading");
        assertTrue(new Shard(1, 3, "x").read(new ByteArrayInputStream("{bad\n".getBytes(StandardCharsets.UTF_8))).isEmpty());
        assertTrue(new Shard(1, 3, "x").read(new ByteArrayInputStream("1\n{bad\n".getBytes(StandardCharsets.UTF_8)))
                .get(0).error().startsWith("not JSON"), "a line that is not JSON is the shard's failed input");
    }

    @Test
    void theShardIsParsedFromIOverN() {
        assertEquals(new Shard(2, 3, "--shard"), Shard.parse("2/3"));
        for (String bad : List.of("3/3", "1", "a/b", "-1/3", "0/0", "1/2/3")) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
        assertEquals(Path.of("out", "r.jsonl.shard-2-of-3"), Shard.parse("2/3").file(Path.of("out", "r.jsonl")));
    }

    @Test
    void inAJobArrayTheShardIsTheArrayTasksCountedFromItsFirstIndex() {
        assertEquals(new Shard(1, 3, "SLURM_ARRAY_TASK_ID=1, SLURM_ARRAY_TASK_COUNT=3"),
                Shard.ofArrayTask(Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "3",
                        "SLURM_ARRAY_TASK_MIN", "0")).orElseThrow());
        assertEquals(0, Shard.ofArrayTask(Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "3",
                "SLURM_ARRAY_TASK_MIN", "1")).orElseThrow().index(), "--array=1-3");
        assertTrue(Shard.ofArrayTask(Map.of("SLURM_JOB_ID", "5")).isEmpty(), "not an array job");
        IllegalArgumentException gaps = assertThrows(IllegalArgumentException.class, () -> Shard.ofArrayTask(
                Map.of("SLURM_ARRAY_TASK_ID", "7", "SLURM_ARRAY_TASK_COUNT", "3", "SLURM_ARRAY_TASK_MIN", "1")));
        assertTrue(gaps.getMessage().contains("SLURM_ARRAY_TASK_ID=7"), gaps.getMessage());
    }
}
