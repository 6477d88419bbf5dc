package dev.jpool.launcher.report;

/** How a report is printed on stdout. */
public enum Format {
    /** A table for people. */
    TEXT,
    /** One JSON object for scripts. */
    JSON,
    /** A header line and rows, for spreadsheets and plots. */
    CSV;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
