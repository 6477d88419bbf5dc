package dev.jpool.pi;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the kernel this JVM runs. Every kernel gives the same hits; they differ only in speed.
 *
 * <p>The vector kernel is used when the JVM has the {@code jdk.incubator.vector} module in its boot
 * layer ({@code --add-modules jdk.incubator.vector}), the hardware gives it at least two 64-bit
 * lanes, and it agrees with the scalar kernel on a small self-check; otherwise the scalar kernel.
 * The system property {@value #PROPERTY} ({@code scalar} or {@code vector}) overrides the choice,
 * e.g. {@code --worker-jvm-opt=-Djpool.kernel=scalar} to run workers on the scalar kernel.
 */
public final class PiKernels {
    /** System property that forces a kernel: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "jpool.kernel";
    /** The module the vector kernel needs. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final String VECTOR_CLASS = "dev.jpool.pi.VectorPiKernel";

    private PiKernels() {
    }

    /** Chosen on first use, so a JVM that never counts darts never loads a kernel. */
    private static volatile PiKernel best;

    /**
     * The fastest kernel available in this JVM, or the one {@value #PROPERTY} names.
     *
     * @throws IllegalArgumentException if the property names no kernel
     * @throws IllegalStateException if it asks for the vector kernel where there is none
     */
    public static PiKernel best() {
        PiKernel kernel = best;
        if (kernel == null) {
            kernel = choose(System.getProperty(PROPERTY, ""));
            best = kernel;
        }
        return kernel;
    }

    /** The plain-Java kernel, available everywhere. */
    public static PiKernel scalar() {
        return new ScalarPiKernel();
    }

    /**
     * The vector kernel, when this JVM can run it well: the module is present, the hardware has
     * at least two 64-bit lanes, and it agrees with the scalar kernel on the self-check.
     */
    public static Optional<PiKernel> vector() {
        if (!hasVectorModule()) {
            return Optional.empty();
        }
        try {
            // Reflectively, so that no class refers to VectorPiKernel when the module is absent.
            return Optional.of((PiKernel) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalStateException disagreement) {
                System.err.println("jpool: " + disagreement.getMessage() + "; using the scalar kernel");
            }
            return Optional.empty(); // including a machine with one lane, which the kernel refuses
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether this JVM was started with {@code jdk.incubator.vector} in its boot layer. */
    public static boolean hasVectorModule() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    static PiKernel choose(String property) {
        return switch (property.strip().toLowerCase(Locale.ROOT)) {
            case "" -> vector().orElseGet(PiKernels::scalar);
            case "scalar" -> scalar();
            case "vector" -> vector().orElseThrow(() -> new IllegalStateException("-D" + PROPERTY
                    + "=vector, but this JVM cannot run the vector kernel (it needs --add-modules " + VECTOR_MODULE
                    + " and vector hardware)"));
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "='" + property
                    + "' names no kernel: scalar or vector");
        };
    }
}
