package dev.jpool.launcher.cli;

import dev.jpool.pi.PiKernels;
import java.util.Optional;

/** What the launcher's own JVM counts darts with, in serial and thread mode, and how to change it. */
final class LauncherKernel {
    private LauncherKernel() {
    }

    /** A diagnostic when this JVM lacks the Vector API, so in-JVM modes run the scalar kernel; else empty. */
    static Optional<String> scalarNote() {
        if (PiKernels.hasVectorModule()) {
            return Optional.empty();
        }
        return Optional.of("this JVM runs serial and threads on the scalar kernel: it was started without "
                + "--add-modules " + PiKernels.VECTOR_MODULE + " (./jpool adds it)");
    }
}
