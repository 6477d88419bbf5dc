package dev.jpool.launcher.run;

/**
 * Warms this JVM for the modes that run in it (serial and threads), so that no measured run is
 * the one that loads the classes and waits for the JIT to compile the kernel: the same start a
 * thread run gets when a serial run went before it. Worker JVMs start cold every time; that is
 * part of what a process run costs.
 *
 * <p>It runs serial on up to {@value #SAMPLES} samples until two runs in a row take about the
 * same time (within {@value #SETTLED_PERCENT}%), at least {@value #MIN_RUNS} and at most
 * {@value #MAX_RUNS} runs, then threads once.
 */
public final class WarmUp {
    static final long SAMPLES = 50_000_000L;
    static final int MIN_RUNS = 3;
    static final int MAX_RUNS = 12;
    static final int SETTLED_PERCENT = 10;

    private WarmUp() {
    }

    /**
     * @param serial  the serial runner
     * @param thread  the thread runner, or null when threads are not measured
     * @param threads how many threads to warm
     * @return serial warm-up runs made
     */
    public static int launcherModes(PiRunner serial, PiRunner thread, long samples, long seed, int threads)
            throws InterruptedException {
        long size = Math.min(samples, SAMPLES);
        long previous = -1;
        int runs = 0;
        while (runs < MAX_RUNS) {
            long wall = serial.run(size, seed, 1).wallNanos();
            runs++;
            if (runs >= MIN_RUNS && previous > 0 && Math.abs(wall - previous) * 100 <= SETTLED_PERCENT * previous) {
                break;
            }
            previous = wall;
        }
        if (thread != null) {
            thread.run(size, seed, threads);
        }
        return runs;
    }
}
