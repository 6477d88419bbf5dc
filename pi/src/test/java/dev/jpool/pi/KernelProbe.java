package dev.jpool.pi;

/**
 * Main class of the child JVMs in {@link VectorPiKernelTest}: prints the kernel this JVM picks, then
 * for each {@code seed:samples} argument the hits it counts, and beside them the hits of the vector
 * loop alone (no scalar warm-up) where the kernel is the vector kernel, else the same hits again.
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) {
        PiKernel kernel = PiKernels.best();
        boolean vector = kernel.name().startsWith("vector-");
        System.out.println(kernel.name());
        for (String arg : args) {
            String[] parts = arg.split(":");
            long seed = Long.parseLong(parts[0]);
            long samples = Long.parseLong(parts[1]);
            long blocks = MonteCarloPi.blocks(samples);
            long hits = kernel.hits(seed, samples, 0, blocks);
            // VectorLoop is loaded only on this branch: a JVM without the module never sees it
            long loop = vector ? VectorLoop.hits(kernel, seed, samples, blocks) : hits;
            System.out.println(hits + " " + loop);
        }
    }

    /** The vector kernel's loop without its warm-up. */
    private static final class VectorLoop {
        static long hits(PiKernel kernel, long seed, long samples, long blocks) {
            return ((VectorPiKernel) kernel).vectorHits(seed, samples, 0, blocks);
        }
    }
}
