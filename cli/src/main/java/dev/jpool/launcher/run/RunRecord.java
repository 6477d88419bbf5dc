package dev.jpool.launcher.run;

/**
 * The few numbers of one run that a scaling table needs: from a {@link PiRun} just made, or read
 * back from a file of {@code jpool pi --format json}.
 *
 * @param mode      "serial", "thread", "process", or whatever mode the file names
 * @param workers   workers of the run (1 for serial)
 * @param samples   darts thrown
 * @param seed      the seed
 * @param hits      darts inside
 * @param wallNanos the run's wall time
 */
public record RunRecord(String mode, int workers, long samples, long seed, long hits, long wallNanos) {
    public static final String SERIAL = Mode.SERIAL.label();

    public static RunRecord of(PiRun run) {
        return new RunRecord(run.mode().label(), run.workers().size(), run.samples(), run.seed(), run.hits(),
                run.wallNanos());
    }

    public boolean serial() {
        return SERIAL.equals(mode);
    }
}
