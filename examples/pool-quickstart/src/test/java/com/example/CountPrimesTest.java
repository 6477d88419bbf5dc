package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ThreadPool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user's task on worker JVMs started from inside a JUnit test (Surefire's class path and booter). */
class CountPrimesTest {
    private static final List<CountPrimes.Range> RANGES = List.of(new CountPrimes.Range(0, 10),
            new CountPrimes.Range(10, 100), new CountPrimes.Range(100, 1000), new CountPrimes.Range(0, 100_000));

    @Test
    void workerJvmsCountWhatThisJvmCounts() {
        List<Long> here = RANGES.stream().map(new CountPrimes()::apply).toList();
        assertEquals(List.of(4L, 21L, 143L, 9592L), here);
        try (Pool pool = new ProcessPool(2)) {
            assertEquals(here, pool.map(new CountPrimes(), RANGES));
        }
        try (Pool pool = new ThreadPool(2)) {
            assertEquals(here, pool.map(new CountPrimes(), RANGES));
        }
    }
}
