package dev.jpool.testing;

/** A "worker" that writes a line of raw text on stdout instead of a hello, then waits. */
public final class JunkWorker {
    private JunkWorker() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Picked up _JAVA_OPTIONS: this is not protocol");
        System.out.flush();
        System.in.read();
    }
}
