package dev.jpool.launcher.cli;

import dev.jpool.pi.PiKernels;
import java.util.List;
import java.util.Optional;

/**
 * What the launcher's own JVM counts darts with, in serial and thread mode, and how a comparison
 * gets the same kernel in its worker JVMs.
 */
final class LauncherKernel {
    private static final String OPTION = "-D" + PiKernels.PROPERTY + "=";

    private LauncherKernel() {
    }

    /** The kernel serial and thread mode run in this JVM, e.g. "scalar" or "vector-256". */
    static String name() {
        return PiKernels.best().name();
    }

    /** A diagnostic when this JVM lacks the Vector API, so in-JVM modes run the scalar kernel; else empty. */
    static Optional<String> scalarNote() {
        if (PiKernels.hasVectorModule()) {
            return Optional.empty();
        }
        return Optional.of("this JVM runs serial and threads on the scalar kernel: it was started without "
                + "--add-modules " + PiKernels.VECTOR_MODULE + " (./jpool adds it)");
    }

    /**
     * Gives the worker JVMs the kernel this JVM runs, so that every mode of a comparison counts
     * with the same code: the scalar kernel where this JVM has no Vector API (worker JVMs would
     * otherwise get the module and the vector kernel). A kernel the user chose for the workers
     * with {@code -Djpool.kernel} stays; the report then names the kernel of each mode.
     *
     * @param workerJvmOptions the workers' options, added to
     * @param diagnose         hears one line saying which kernel every mode runs, and why
     * @return the kernel of this JVM
     */
    static String sameInEveryMode(List<String> workerJvmOptions, java.util.function.Consumer<String> diagnose) {
        String kernel = name();
        if (workerJvmOptions.stream().anyMatch(option -> option.startsWith(OPTION))) {
            return kernel;
        }
        if (kernel.equals(PiKernels.scalar().name())) {
            workerJvmOptions.add(OPTION + "scalar");
            diagnose.accept("every mode counts with the scalar kernel: this JVM was started without --add-modules "
                    + PiKernels.VECTOR_MODULE + ", so the worker JVMs get -Djpool.kernel=scalar too"
                    + " (./jpool gives every JVM the module)");
        }
        return kernel;
    }
}
