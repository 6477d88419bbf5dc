package dev.jpool.bench.peers;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One row of the table: a pool under test, which runs one round of every measure at a time. */
interface Peer {
    /** The row's name. */
    String name();

    /** An unmeasured start before the rounds (a first pool's one-time costs), where the peer has any. */
    default void warmUp(PeersBenchmark.Settings settings) {
    }

    /** One round: a fresh pool, each measure on it, the fault batch when {@code fault}, then the teardown. Never throws. */
    Map<Measure, Cell> round(PeersBenchmark.Settings settings, boolean fault);

    /** The table's columns. */
    enum Measure {
        COLD("cold start, ms"),
        APPLY("apply, us"),
        MAP("map, tasks/s"),
        CPU("CPU job, s"),
        FAULT("worker SIGKILLed mid-batch"),
        LEFT("after teardown");

        final String header;

        Measure(String header) {
            this.header = header;
        }
    }

    /**
     * One round's figure, or what happened instead ({@code text}: an outcome, or "failed: why"),
     * with a note for under the table where the figure needs one.
     */
    record Cell(double value, String text, String note) {
        static Cell of(double value) {
            return new Cell(value, null, null);
        }

        static Cell text(String text) {
            return new Cell(Double.NaN, text, null);
        }

        static Cell failed(Throwable e) {
            return text("failed: " + oneLine(e));
        }

        static Cell failed(String why) {
            return text("failed: " + why);
        }

        Cell withNote(String note) {
            return new Cell(value, text, note);
        }

        boolean numeric() {
            return text == null;
        }

        boolean failed() {
            return text != null && text.startsWith("failed: ");
        }
    }

    /** A throwable in one line: its innermost useful class and message. */
    static String oneLine(Throwable e) {
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        String line = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return line.length() > 90 ? line.substring(0, 87) + "..." : line;
    }
}
