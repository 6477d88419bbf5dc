package dev.jpool.pi;

/**
 * The output of {@link PiTask}: darts thrown and darts inside the quarter circle.
 *
 * @param samples darts thrown
 * @param hits    darts inside
 * @param kernel  the kernel that counted them
 */
public record PiCount(long samples, long hits, String kernel) {
}
