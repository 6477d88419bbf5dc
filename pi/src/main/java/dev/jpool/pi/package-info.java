/**
 * The Monte Carlo estimate of pi that jpool teaches with: a user of the pool like any other.
 *
 * <p>{@link dev.jpool.pi.PiTask} counts the darts of one {@link dev.jpool.pi.PiChunk} that land in
 * the quarter circle; {@link dev.jpool.pi.ChunkPlan} splits a run into chunks; the layout of darts
 * ({@link dev.jpool.pi.MonteCarloPi}) makes the hit count of a seed the same however the run is
 * split, in every mode, with any kernel. {@link dev.jpool.pi.PiWorkers} is what the workload asks
 * of a pool's worker JVMs: the Vector API module and JIT hints, passed as JVM options.
 */
package dev.jpool.pi;
