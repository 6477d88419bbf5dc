package dev.jpool.pi;

/**
 * Main class of the child JVMs in {@link VectorPiKernelTest}: prints the kernel this JVM picks, then
 * the hits it counts for each {@code seed:samples} argument, one per line.
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) {
        PiKernel kernel = PiKernels.best();
        System.out.println(kernel.name());
        for (String arg : args) {
            String[] parts = arg.split(":");
            long seed = Long.parseLong(parts[0]);
            long samples = Long.parseLong(parts[1]);
            System.out.println(kernel.hits(seed, samples, 0, MonteCarloPi.blocks(samples)));
        }
    }
}
