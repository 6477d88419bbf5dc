package com.example;

import dev.jpool.task.Task;

/** Counts the primes in [from, to): a task of the user's own, run by jpool in worker JVMs or threads. */
public class CountPrimes implements Task<CountPrimes.Range, Long> {
    /** A half-open range of numbers. */
    public record Range(long from, long to) {
    }

    @Override
    public Long apply(Range range) {
        long count = 0;
        for (long n = Math.max(2, range.from()); n < range.to(); n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    static boolean isPrime(long n) {
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
