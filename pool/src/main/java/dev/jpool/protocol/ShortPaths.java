package dev.jpool.protocol;

/**
 * Which of the protocol's payload short paths a {@link Protocol} takes: lists of plain values
 * written and read by {@link ScalarLists} instead of Jackson databind, and arrays of whole numbers
 * read from the line's bytes by {@link WholeNumbers} (which needs the first). Both by default; off
 * only to measure what each buys (the benchmark {@code ProtocolBenchmark} in {@code bench/jmh}).
 *
 * @param plainLists   lists of plain values through {@link ScalarLists}
 * @param wholeNumbers arrays of whole numbers through {@link WholeNumbers}
 */
record ShortPaths(boolean plainLists, boolean wholeNumbers) {
    /** Every short path: what a {@link Protocol} takes. */
    static final ShortPaths ALL = new ShortPaths(true, true);
}
