package com.example;

import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ThreadPool;
import java.util.ArrayList;
import java.util.List;

/** Counts the primes below 2,000,000 in 20 ranges, on 2 worker JVMs and on 2 threads. */
public final class Quickstart {
    public static void main(String[] args) {
        List<CountPrimes.Range> ranges = new ArrayList<>();
        for (long from = 0; from < 2_000_000; from += 100_000) {
            ranges.add(new CountPrimes.Range(from, from + 100_000));
        }
        long processes;
        try (Pool pool = new ProcessPool(2)) {
            processes = pool.map(new CountPrimes(), ranges).stream().mapToLong(Long::longValue).sum();
        }
        long threads;
        try (Pool pool = new ThreadPool(2)) {
            threads = pool.map(new CountPrimes(), ranges).stream().mapToLong(Long::longValue).sum();
        }
        System.out.println("primes below 2,000,000: " + processes + " (2 worker JVMs), " + threads + " (2 threads)");
        if (processes != 148_933 || threads != 148_933) {
            // an exception, not System.exit: under `mvn exec:java` this runs inside Maven's own JVM
            throw new IllegalStateException("expected 148933 both ways");
        }
    }
}
