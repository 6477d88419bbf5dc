package dev.jpool.testing;

/** A "worker" that complains on stderr and exits with code 7 before saying hello. */
public final class DyingWorker {
    private DyingWorker() {
    }

    public static void main(String[] args) {
        System.err.println("dying worker: out of unicorns");
        System.exit(7);
    }
}
